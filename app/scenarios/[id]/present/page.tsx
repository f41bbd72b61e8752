import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getRuntime } from '@/app/_lib/runtime';
import { strings } from '@/app/_lib/strings';
import { toTraining } from '@/app/_lib/training';
import { PresenterApp } from './presenter-app';
import './present.css';

const t = strings.present;

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const runtime = getRuntime((await params).id);
  if (!runtime) return {};
  return {
    title: t.pageTitle(runtime.scenario.title),
    description: t.pageDescription(runtime.scenario.title),
  };
}

/** Presenter mode: static; everything the session needs travels in the props. */
export default async function PresentPage({ params }: Props) {
  const runtime = getRuntime((await params).id);
  if (!runtime) notFound();
  return <PresenterApp scenario={toTraining(runtime.scenario)} />;
}
