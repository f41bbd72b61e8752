import type { Metadata } from 'next';
import Link from 'next/link';
import './room.css';
import { VoiceNotice } from '@/app/_components/voice-notice';
import { getScenario } from '@/content/load';
import { participantView } from '@/app/_lib/room-views';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import { toTraining } from '@/app/_lib/training';
import { loadRoomPage } from '@/app/_server/rooms/pages';
import { JoinForm } from './_components/join-form';
import { PhoneApp } from './_components/phone-app';
import { RoomStatePage } from './_components/room-state-page';

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
  if (room.expired) {
    return (
      <article className="room-message">
        <h1>{strings.room.roomExpired}</h1>
        <p>{strings.room.roomClosedBody}</p>
        <p className="step-nav">
          <Link className="button" href={routes.briefing(scenario.id)} prefetch={false}>
            {strings.briefingLabel}: {scenario.title}
          </Link>
        </p>
      </article>
    );
  }
  const view = participantView(
    room.scenario,
    room.machines,
    room.snapshot,
    room.seq,
    participantId,
  );
  const problem = (await searchParams).problem;
  const voice = (
    <VoiceNotice voice={scenario.source.voice} sourceHref={routes.source(scenario.id)} />
  );
  if (!view.joined && view.status !== 'closed') {
    return (
      <>
        <JoinForm
          code={room.row.code}
          title={scenario.title}
          nicknameMax={page.hub.limits.nicknameMax}
        />
        {voice}
      </>
    );
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
