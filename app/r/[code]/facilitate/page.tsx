import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { headers } from 'next/headers';
import QRCode from 'qrcode';
import { getScenario } from '@/content/load';
import { presenterView } from '@/app/_lib/room-views';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import { toTraining } from '@/app/_lib/training';
import { loadRoomPage } from '@/app/_server/rooms/pages';
import { FacilitatorApp } from '../_components/facilitator-app';
import { FacilitatorOnly } from '../_components/facilitator-only';
import { RoomStatePage } from '../_components/room-state-page';
import '@/app/scenarios/[id]/present/present.css';
import '../room.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  return { title: strings.room.roomCode(code.toUpperCase()), robots: { index: false } };
}

/** The facilitator's projector for a live room (only the browser that opened the room). */
export default async function FacilitatePage({ params }: Props) {
  const { code } = await params;
  const page = await loadRoomPage(code);
  if (page.kind !== 'room') return <RoomStatePage page={page} />;
  const { room } = page;
  const scenario = getScenario(room.row.scenarioId);
  if (!scenario) return <RoomStatePage page={{ kind: 'not-found' }} />;
  if (!page.facilitator) return <FacilitatorOnly code={room.row.code} />;
  // A self-paced room has no projector: its facilitator reads the class's results.
  if (room.row.mode === 'self-paced') redirect(routes.roomResults(room.row.code));
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost';
  const proto = h.get('x-forwarded-proto') ?? 'http';
  const origin = `${proto}://${host}`;
  const roomUrl = `${origin}${routes.room(room.row.code)}`;
  const qrSvg = await QRCode.toString(roomUrl, {
    type: 'svg',
    margin: 1,
    errorCorrectionLevel: 'M',
  });
  return (
    <FacilitatorApp
      code={room.row.code}
      scenario={toTraining(scenario)}
      initial={{
        ...presenterView(room.scenario, room.machines, room.snapshot, room.seq),
        connected: room.connectedNow,
      }}
      joinUrl={{ short: `${host}${routes.join()}`, room: `${host}${routes.room(room.row.code)}` }}
      qrSvg={qrSvg}
      keepDays={Math.round(page.hub.limits.keepMs / 86_400_000)}
    />
  );
}
