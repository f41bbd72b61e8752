import type { ReactNode } from 'react';
import type { Metadata } from 'next';
import Link from 'next/link';
import './room.css';
import { VoiceNotice } from '@/app/_components/voice-notice';
import { getScenario } from '@/content/load';
import { participantView } from '@/app/_lib/room-views';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import { toTraining } from '@/app/_lib/training';
import { loadRoomPage, type RoomPage as LoadedRoom } from '@/app/_server/rooms/pages';
import { latestRun, roomIsOpen, viewOf } from '@/app/_server/rooms/runs';
import type { Scenario } from '@/content/parse';
import { JoinForm } from './_components/join-form';
import { PhoneApp } from './_components/phone-app';
import { RoomStatePage } from './_components/room-state-page';
import { RunApp } from './_components/run-app';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  return { title: strings.room.roomCode(code.toUpperCase()), robots: { index: false } };
}

/** A learner's page in a live room: join, then the room as it stands. */
export default async function RoomPage({ params, searchParams }: Props) {
  const { code } = await params;
  const page = await loadRoomPage(code);
  if (page.kind !== 'room') return <RoomStatePage page={page} />;
  const { room, participantId } = page;
  const scenario = getScenario(room.row.scenarioId);
  if (!scenario) return <RoomStatePage page={{ kind: 'not-found' }} />;
  const keepDays = Math.round(page.hub.limits.keepMs / 86_400_000);
  if (room.row.mode === 'self-paced') {
    return <SelfPacedPage page={page} scenario={scenario} keepDays={keepDays} />;
  }
  if (room.expired) {
    return <RoomEnded title={strings.room.roomExpired} scenario={scenario} />;
  }
  const view = participantView(
    room.scenario,
    room.machines,
    room.snapshot,
    room.seq,
    participantId,
  );
  const problem = (await searchParams).problem;
  const voice = <VoiceNotice source={scenario.source} sourceHref={routes.source(scenario.id)} />;
  if (!view.joined && view.status !== 'closed') {
    return <JoinPage page={page} scenario={scenario} keepDays={keepDays} voice={voice} />;
  }
  return (
    <>
      <PhoneApp
        code={room.row.code}
        scenario={toTraining(scenario)}
        initial={view}
        problem={typeof problem === 'string' ? problem : undefined}
      />
      {voice}
    </>
  );
}

/** A learner in a self-paced room: join, then their own run, resumed where they left it. */
async function SelfPacedPage({
  page,
  scenario,
  keepDays,
}: {
  page: Extract<LoadedRoom, { kind: 'room' }>;
  scenario: Scenario;
  keepDays: number;
}) {
  const { room, participantId } = page;
  const open = roomIsOpen(room.row);
  const joined =
    participantId !== undefined && room.snapshot.context.participants[participantId] !== undefined;
  const run = joined ? await latestRun(page.hub.store, room.row, participantId) : undefined;
  const voice = <VoiceNotice source={scenario.source} sourceHref={routes.source(scenario.id)} />;
  if (!open && !run) {
    return (
      <RoomEnded
        title={room.expired ? strings.room.roomExpired : strings.room.roomClosed}
        scenario={scenario}
      />
    );
  }
  if (!joined) {
    return (
      <JoinPage
        page={page}
        scenario={scenario}
        keepDays={keepDays}
        voice={voice}
        intro={strings.selfPaced.joinIntro}
      />
    );
  }
  return (
    <>
      <span className="eyebrow">{strings.room.roomCode(room.row.code)}</span>
      <h1>{strings.exerciseTitle(scenario.title)}</h1>
      {voice}
      <noscript>
        <p className="notice">{strings.selfPaced.needsScript}</p>
      </noscript>
      <RunApp
        code={room.row.code}
        scenario={toTraining(scenario)}
        initial={run ? viewOf(run) : null}
        open={open}
      />
    </>
  );
}

/** A room that takes nothing more: it has ended or been closed; the scenario is still there. */
function RoomEnded({ title, scenario }: { title: string; scenario: Scenario }) {
  return (
    <article className="room-message">
      <h1>{title}</h1>
      <p>{strings.room.roomClosedBody}</p>
      <p className="step-nav">
        <Link className="button" href={routes.briefing(scenario.id)} prefetch={false}>
          {strings.briefingLabel}: {scenario.title}
        </Link>
      </p>
    </article>
  );
}

/** The room's join form, with the voice notice under it (either kind of room). */
function JoinPage({
  page,
  scenario,
  keepDays,
  voice,
  intro,
}: {
  page: Extract<LoadedRoom, { kind: 'room' }>;
  scenario: Scenario;
  keepDays: number;
  voice: ReactNode;
  intro?: string;
}) {
  return (
    <>
      <JoinForm
        code={page.room.row.code}
        title={scenario.title}
        nicknameMax={page.hub.limits.nicknameMax}
        keepDays={keepDays}
        intro={intro}
      />
      {voice}
    </>
  );
}
