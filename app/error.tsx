'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { shellStrings } from './_lib/shell-strings';

type ServerError = Error & { digest?: string };

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    // The digest matches the server log; the message is generic in production.
    console.error(
      error instanceof Error ? ((error as ServerError).digest ?? error.message) : error,
    );
  }, [error]);
  return (
    <>
      <h1>{shellStrings.errorTitle}</h1>
      <p className="lead">{shellStrings.errorBody}</p>
      <p className="step-nav">
        <button type="button" className="button button--primary" onClick={() => retry()}>
          {shellStrings.tryAgain}
        </button>
        <Link className="button" href="/">
          {shellStrings.backToLibrary}
        </Link>
      </p>
    </>
  );
}
