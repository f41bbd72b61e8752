'use client';

/**
 * Presenter mode: a facilitator runs a scenario with a room, at a projector. The exercise
 * machine (no predictions required) drives the screens: briefing → a decision put to the room →
 * the room's choice, the answer hidden → what the text says → … → debrief. Everything comes in
 * the props; the session is saved on this device after every event and can be resumed.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { isTypingTarget } from '@/app/_lib/keys';
import { strings } from '@/app/_lib/strings';
import type { TrainingScenario } from '@/app/_lib/training';
import type { ExerciseEvent } from '@/machines/exercise-machine';
import { buildScenarioMachine } from '@/machines/scenario-machine';
import { useExercise } from '../_components/use-exercise';
import { BriefingScreen, type ResumeState } from './briefing-screen';
import { PredictingScreen, RevealedScreen } from './choice-screens';
import { ChoosingScreen } from './choosing-screen';
import { DebriefScreen } from './debrief-screen';
import { FacilitatorNotes } from './facilitator-notes';
import { KeyLegend, LEGEND_KEYS, type LegendKey } from './key-legend';
import { eventForKey, headingOf, presenterView, whereLabel } from './presenter-view';

const t = strings.present;

export function PresenterApp({ scenario }: { scenario: TrainingScenario }) {
  const { actorRef, snapshot, send, saved, resume } = useExercise(scenario, 'present');
  const scenarioMachine = useMemo(() => buildScenarioMachine(scenario), [scenario]);
  const view = useMemo(
    () => presenterView(scenario, scenarioMachine, snapshot),
    [scenario, scenarioMachine, snapshot],
  );
  const heading = headingOf(scenario, view);
  const { context } = snapshot;
  // What the machine allows now: the only keys and buttons on offer.
  const keysNow = useMemo(
    () =>
      new Set<LegendKey>(
        LEGEND_KEYS.filter(([, , key]) => {
          const event = eventForKey(view, key);
          return event !== undefined && snapshot.can(event);
        }).map(([name]) => name),
      ),
    [view, snapshot],
  );

  // Once the facilitator acts, an older saved session is no longer offered.
  const [acted, setActed] = useState(false);
  const [notesOpen, setNotesOpen] = useState(true);
  const act = useCallback(
    (event: ExerciseEvent) => {
      const sent = send(event);
      if (sent) setActed(true);
      return sent;
    },
    [send],
  );

  // Back, as a button, wherever the machine allows it (the same test as the B key's).
  const back = keysNow.has('back') ? () => act({ type: 'exercise.back' }) : undefined;

  // Keys: N next or start, R reveal, B back (one screen back), 1–9 choose; never while typing or
  // with a modifier.
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || e.repeat || e.ctrlKey || e.metaKey || e.altKey) return;
      if (isTypingTarget(e.target)) return;
      const current = presenterView(scenario, scenarioMachine, actorRef.getSnapshot());
      const event = eventForKey(current, e.key);
      if (event && act(event)) e.preventDefault();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [scenario, scenarioMachine, actorRef, act]);

  // After a change of screen: focus its heading and announce it.
  const root = useRef<HTMLDivElement>(null);
  const screenKey = `${String(snapshot.value)}|${context.path.join('/')}|${context.pending?.optionId ?? ''}`;
  const lastScreen = useRef(screenKey);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (lastScreen.current === screenKey) return;
    lastScreen.current = screenKey;
    root.current?.querySelector<HTMLElement>('h1')?.focus();
    setAnnouncement(t.announce(heading));
  }, [screenKey, heading]);

  const resumeState = useMemo((): ResumeState => {
    if (acted) return { kind: 'none' };
    if (saved.status === 'discarded') return { kind: 'discarded' };
    if (saved.status !== 'ok' || saved.snapshot.value === 'briefing') return { kind: 'none' };
    return {
      kind: 'offer',
      where: whereLabel(scenario, presenterView(scenario, scenarioMachine, saved.snapshot)),
    };
  }, [acted, saved, scenario, scenarioMachine]);

  let screen: ReactNode = null;
  let notes: readonly string[] = [];
  switch (view.screen) {
    case 'briefing':
      notes = view.node.facilitatorNotes;
      screen = (
        <BriefingScreen
          scenario={scenario}
          node={view.node}
          resume={resumeState}
          onResume={resume}
          onStart={() => act({ type: 'exercise.start' })}
        />
      );
      break;
    case 'choosing':
      notes = view.node.facilitatorNotes;
      screen = (
        <ChoosingScreen
          key={`${view.nodeId}|${context.path.join('/')}`}
          scenario={scenario}
          nodeId={view.nodeId}
          node={view.node}
          number={view.number}
          path={context.path}
          counts={context.tallies[view.nodeId]}
          onTally={(optionId, count) =>
            act({ type: 'exercise.tally', nodeId: view.nodeId, optionId, count })
          }
          onChoose={(optionId) => act({ type: 'exercise.choose', optionId })}
          onBack={back}
        />
      );
      break;
    case 'predicting':
      notes = view.node.facilitatorNotes;
      screen = (
        <PredictingScreen
          node={view.node}
          number={view.number}
          option={view.option}
          counts={context.tallies[view.nodeId]}
          onReveal={() => act({ type: 'exercise.reveal' })}
          onBack={back}
        />
      );
      break;
    case 'revealed':
      notes = view.node.facilitatorNotes;
      screen = (
        <RevealedScreen
          scenario={scenario}
          nodeId={view.nodeId}
          node={view.node}
          number={view.number}
          option={view.option}
          stepPath={view.stepPath}
          lastDecision={view.lastDecision}
          onNext={() => act({ type: 'exercise.next' })}
          onBack={back}
        />
      );
      break;
    case 'debrief':
      notes = view.node.facilitatorNotes;
      screen = (
        <DebriefScreen
          scenario={scenario}
          node={view.node}
          context={context}
          onRestart={() => act({ type: 'exercise.restart' })}
          onBack={back}
        />
      );
      break;
    default:
      screen = <h1 tabIndex={-1}>{scenario.title}</h1>;
  }

  return (
    <div className="presenter" ref={root}>
      <p className="p-bar">
        <span className="p-bar__mode">{t.modeLabel}</span>
        <span className="p-bar__title">{scenario.title}</span>
      </p>
      {view.screen !== 'briefing' && (
        <p className="p-voice">
          <strong>{t.voiceLabel}</strong> {t.voiceLine(scenario.source.voice)}{' '}
          <span className="p-voice__ours">{t.oursLine}</span>
        </p>
      )}
      <div className="p-layout">
        <div className="p-stage">{screen}</div>
        <div className="p-side">
          <FacilitatorNotes notes={notes} open={notesOpen} onToggle={setNotesOpen} />
          <KeyLegend available={keysNow} />
        </div>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </div>
  );
}
