import Link from 'next/link';
import { strings } from '@/app/_lib/strings';

/** The text's voice, disclosed on every scenario page. */
export function VoiceNotice({ voice, sourceHref }: { voice: string; sourceHref: string }) {
  return (
    <aside className="voice" aria-label={strings.voiceNoticeTitle}>
      <p>
        <strong>{strings.voiceNoticeTitle}</strong> {strings.voiceNotice(voice)}{' '}
        <Link href={sourceHref} prefetch={false}>
          {strings.readSource}
        </Link>
        .
      </p>
      <p className="voice__ours">{strings.oursNotice}</p>
    </aside>
  );
}
