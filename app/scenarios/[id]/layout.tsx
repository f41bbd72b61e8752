import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { allRuntimes, getRuntime, toWalkGraph } from '@/app/_lib/runtime';
import { WalkProvider } from './_components/walk-provider';

export const dynamicParams = false;

export function generateStaticParams() {
  return allRuntimes().map(({ scenario }) => ({ id: scenario.id }));
}

export default async function ScenarioLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const runtime = getRuntime(id);
  if (!runtime) notFound();
  return <WalkProvider graph={toWalkGraph(runtime.scenario)}>{children}</WalkProvider>;
}
