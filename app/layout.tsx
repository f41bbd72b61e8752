import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { strings } from './_lib/strings';
import './globals.css';

export const metadata: Metadata = {
  title: { default: strings.siteName, template: `%s · ${strings.siteName}` },
  description: strings.siteTagline,
};

export const viewport: Viewport = {
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#121417' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" dir="ltr">
      <body>
        <a className="skip-link" href="#main">
          {strings.skipToContent}
        </a>
        <header className="site-header">
          <nav aria-label={strings.primaryNav} className="site-header__inner">
            <Link href="/" className="brand" prefetch={false}>
              <svg aria-hidden="true" viewBox="0 0 32 32" width="28" height="28">
                <rect width="32" height="32" rx="6" fill="currentColor" />
                <path
                  d="M16 27V15M16 15L8 7M16 15l8-8"
                  stroke="var(--bg)"
                  strokeWidth="3"
                  strokeLinecap="round"
                  fill="none"
                />
              </svg>
              {strings.siteName}
            </Link>
            <Link href="/" prefetch={false}>
              {strings.library}
            </Link>
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{strings.footer}</p>
        </footer>
      </body>
    </html>
  );
}
