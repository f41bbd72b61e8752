import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getRuntime } from '@/app/_lib/runtime';
import { strings } from '@/app/_lib/strings';
import { toTraining } from '@/app/_lib/training';
import { ExerciseApp } from './exercise-app';
import './exercise.css';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const runtime = getRuntime((await params).id);
  if (!runtime) return {};
  return {
    title: strings.exerciseTitle(runtime.scenario.title),
    description: strings.exerciseIntro,
  };
}

export default async function ExercisePage({ params }: Props) {
  const runtime = getRuntime((await params).id);
  if (!runtime) notFound();
  return <ExerciseApp scenario={toTraining(runtime.scenario)} />;
}
