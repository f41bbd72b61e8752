/**
 * The schema's migrations, written in code for both dialects (the column types used, text, integer
 * and bigint, mean the same in SQLite and PostgreSQL). Kysely's Migrator records which have run in
 * its own tables (`kysely_migration`, `kysely_migration_lock`) and runs the rest in order, each in
 * a transaction. A migration, once released, never changes: add a new one.
 */
import { Migrator, sql, type Kysely, type Migration } from 'kysely';

/** 001: rooms and their event logs. */
const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('rooms')
      .addColumn('id', 'text', (c) => c.notNull().primaryKey())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('scenario_id', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('facilitator_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('closed_at', 'bigint')
      .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('rooms_code_key', ['code'])
      .addCheckConstraint('rooms_mode_check', sql`mode in ('live', 'self-paced')`)
      .addCheckConstraint('rooms_last_seq_check', sql`last_seq >= 0`)
      .execute();
    await db.schema.createIndex('rooms_expires_at_idx').on('rooms').column('expires_at').execute();
    await db.schema
      .createTable('room_events')
      .addColumn('room_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('room_events_pkey', ['room_id', 'seq'])
      .addForeignKeyConstraint('room_events_room_id_fkey', ['room_id'], 'rooms', ['id'], (fk) =>
        fk.onDelete('cascade'),
      )
      .addCheckConstraint('room_events_seq_check', sql`seq >= 1`)
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('room_events').execute();
    await db.schema.dropTable('rooms').execute();
  },
};

/**
 * 002: self-paced rooms. Each learner's run through the exercise is a row: the events the server
 * accepted (with the time of each) and the record derived from them (path, predictions, kind
 * answers, time per decision), rewritten whole on every step in one transaction. A room gets
 * settings (JSON), e.g. which learners' words the facilitator has hidden from the results.
 */
const runs: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('rooms')
      .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();
    await db.schema
      .createTable('room_runs')
      .addColumn('room_id', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('participant_id', 'text', (c) => c.notNull())
      .addColumn('nickname', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('finished_at', 'bigint')
      .addColumn('event_count', 'integer', (c) => c.notNull())
      .addColumn('events', 'text', (c) => c.notNull())
      .addColumn('record', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('room_runs_pkey', ['room_id', 'run_id'])
      .addForeignKeyConstraint('room_runs_room_id_fkey', ['room_id'], 'rooms', ['id'], (fk) =>
        fk.onDelete('cascade'),
      )
      .addCheckConstraint(
        'room_runs_status_check',
        sql`status in ('active', 'finished', 'abandoned')`,
      )
      .execute();
    await db.schema
      .createIndex('room_runs_participant_idx')
      .on('room_runs')
      .columns(['room_id', 'participant_id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('room_runs').execute();
    await db.schema.alterTable('rooms').dropColumn('settings').execute();
  },
};

/** Every migration by name; names sort in the order they run. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001-rooms-and-events': initial,
  '002-runs-and-settings': runs,
};

/**
 * Runs every migration that has not run yet; does nothing when the schema is current. Safe to
 * call from several processes at once (the Migrator takes a lock). Throws the first failure.
 * @param db the database to migrate
 * @param migrationTableSchema PostgreSQL only: the schema holding Kysely's migration tables
 *   (required there, or Kysely may find another schema's tables and skip the migrations)
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  migrationTableSchema?: string,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
    ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error;
}
