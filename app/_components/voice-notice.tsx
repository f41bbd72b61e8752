import Link from 'next/link';
import { strings } from '@/app/_lib/strings';

/**
 * The text's voice, disclosed on every scenario page: one line that is always visible (whose voice,
 * author and standing), opening to the full notice. Printed, it prints open. On the projector
 * (`open`) it starts open.
 */
export function VoiceNotice({
  source,
  sourceHref,
  open = false,
}: {
  source: { readonly voice: string; readonly voiceLine?: string | undefined };
  sourceHref: string;
  open?: boolean;
}) {
  return (
    <aside className="voice" aria-label={strings.voiceNoticeTitle}>
      <details open={open}>
        <summary>{source.voiceLine ?? source.voice}</summary>
        <p>
          <strong>{strings.voiceNoticeTitle}</strong> {source.voice}. {strings.voiceNotice}{' '}
          <Link href={sourceHref} prefetch={false}>
            {strings.readSource}
          </Link>
          .
        </p>
        <p className="voice__ours">{strings.oursNotice}</p>
      </details>
    </aside>
  );
}
