import { compareDecisions, comparisonRows, onlyOn, outcomeColumns } from '@/app/_lib/compare';
import type { ChoiceAnswer } from '@/machines/answers';
import {
  citingPages,
  claimsOnStep,
  getRuntime,
  stepView,
  type ScenarioRuntime,
} from '@/app/_lib/runtime';
import { routes } from '@/app/_lib/routes';
import { allSentences } from '@/content/lib/source-text';
import { resolvePath } from '@/machines/paths';

const runtime = getRuntime('kabul-crossroads') as ScenarioRuntime;
const { scenario, machine } = runtime;
const at = (path: string[]) => {
  const r = resolvePath(machine, path);
  if (!r.ok) throw new Error(path.join('/'));
  return stepView(runtime, r.snapshot);
};

describe('stepView (what a step page shows, as the machine says)', () => {
  it('links each option of a decision to the step it leads to', () => {
    expect(at([]).optionHrefs).toEqual({
      pakistan: routes.step(scenario.id, ['pakistan']),
      ttp: routes.step(scenario.id, ['ttp']),
    });
  });

  it('offers Back to the previous step, or to the briefing from the first decision', () => {
    expect(at(['ttp', 'pressure']).back?.href).toBe(routes.step(scenario.id, ['ttp']));
    expect(at([]).back?.href).toBe(routes.briefing(scenario.id));
  });

  it('numbers decisions and knows an outcome', () => {
    expect(at([]).decisionNumber).toBe(1);
    expect(at(['pakistan']).decisionNumber).toBe(2);
    expect(at(['pakistan', 'pressure']).isOutcome).toBe(true);
    expect(at(['pakistan', 'pressure']).optionHrefs).toEqual({});
  });

  it('lists the choices made, each with its decision and option', () => {
    expect(
      at(['ttp', 'partnership']).choices.map((c) => `${c.decision.title}: ${c.option.label}`),
    ).toEqual(['The TTP or Pakistan: The TTP', 'Pressure or partnership: Partnership']);
  });
});

describe('claimsOnStep and citingPages (the source reader’s “cited on”)', () => {
  it('quotes on an outcome page every consequence met on the path, and the silences’ parts', () => {
    const step = runtime.steps.find((s) => s.path.join('/') === 'pakistan/pressure');
    if (!step) throw new Error('missing step');
    const ids = claimsOnStep(runtime, step);
    for (const id of ['normal-ties-exclude-attacks', 'combined-pressure-backfires']) {
      expect(ids).toContain(id);
    }
  });

  it('counts the claims a contested silence shows beside it as quoted on that step', () => {
    const step = runtime.steps.find((s) => s.path.join('/') === 'pakistan');
    const pakistan = scenario.nodes['ttp-or-pakistan'];
    if (!step || pakistan?.kind !== 'decision') throw new Error('missing step');
    const contested = pakistan.options.find((o) => o.id === 'pakistan')?.silence?.contested;
    expect(contested?.claims.length).toBeGreaterThan(0);
    const ids = claimsOnStep(runtime, step);
    for (const id of contested?.claims ?? []) expect(ids).toContain(id);
  });

  it('gives every cited sentence at least one page that quotes it, and every link is a real page', () => {
    const pages = citingPages(runtime);
    const cited = new Set(
      Object.values(scenario.claims).flatMap((c) => c.citations.map((x) => x.anchor)),
    );
    const valid = new Set([
      routes.briefing(scenario.id),
      ...runtime.steps.map((s) => routes.step(scenario.id, s.path)),
    ]);
    for (const sentence of allSentences(scenario.document)) {
      if (!cited.has(sentence.id)) continue;
      const links = pages.get(sentence.id) ?? [];
      expect(links.length).toBeGreaterThan(0);
      for (const l of links) expect(valid.has(l.href)).toBe(true);
    }
  });
});

describe('compare', () => {
  const columns = outcomeColumns(runtime);

  it('has one column per outcome path', () => {
    expect(columns.map((c) => c.token).sort()).toEqual([
      'pakistan/partnership',
      'pakistan/pressure',
      'ttp/partnership',
      'ttp/pressure',
    ]);
  });

  it('has one row per claim quoted on any outcome page, each a real claim', () => {
    const rows = comparisonRows(columns);
    expect(new Set(rows).size).toBe(rows.length);
    for (const id of rows) expect(scenario.claims[id]).toBeDefined();
    for (const c of columns) for (const id of c.claims.keys()) expect(rows).toContain(id);
  });

  it('says how each claim is met on each path: tied by the text, by our reading, ruling out, or left open', () => {
    const at = (token: string) => columns.find((c) => c.token === token)?.claims;
    expect(at('ttp/partnership')?.get('normal-ties-exclude-attacks')).toEqual([
      'inferred',
      'rules-out',
    ]);
    expect(at('pakistan/pressure')?.get('normal-ties-exclude-attacks')).toEqual(['silence']);
    expect(at('pakistan/partnership')?.get('right-choice-transforms')).toEqual(['stated']);
    expect(at('ttp/partnership')?.has('right-choice-transforms')).toBe(false);
  });

  const consequenceIds = (a: ChoiceAnswer | undefined) => a?.consequences.map((c) => c.claim);

  it('shows what the text says differs between the TTP and Pakistan', () => {
    const [first] = compareDecisions(runtime);
    expect(first?.decision.title).toBe('The TTP or Pakistan');
    expect(first?.after).toBe('');
    expect(first?.shared).toEqual([]);
    // Pakistan: nothing of its own, and the silence says so; the TTP: ¶6 s4, by our reading.
    expect(consequenceIds(first?.only.pakistan)).toEqual([]);
    expect(first?.only.pakistan?.silence?.parts).toContain('normal-ties-exclude-attacks');
    expect(first?.only.ttp?.consequences).toEqual([
      { claim: 'normal-ties-exclude-attacks', tie: expect.objectContaining({ kind: 'inferred' }) },
    ]);
  });

  it('compares pressure against partnership separately after each first choice: the text says different things', () => {
    const seconds = compareDecisions(runtime).filter(
      (d) => d.decision.title === 'Pressure or partnership',
    );
    expect(seconds.map((d) => [d.after, d.count])).toEqual([
      ['Pakistan', 1],
      ['The TTP', 1],
    ]);
    const [afterPakistan, afterTtp] = seconds;
    expect(consequenceIds(afterPakistan?.only.partnership)).toEqual(['right-choice-transforms']);
    expect(consequenceIds(afterTtp?.only.partnership)).toEqual([]);
    expect(afterTtp?.only.partnership?.ruledOut?.claim).toBe('normal-ties-exclude-attacks');
    for (const d of seconds) {
      expect(consequenceIds(d.only.pressure)).toEqual(['combined-pressure-backfires']);
      expect(d.shared).toEqual([]);
    }
  });

  it('lists, for two paths, the claims quoted on one and not the other', () => {
    const a = columns.find((c) => c.token === 'pakistan/partnership')!;
    const b = columns.find((c) => c.token === 'ttp/pressure')!;
    expect(onlyOn(a, b)).toContain('right-choice-transforms');
    expect(onlyOn(b, a)).toContain('combined-pressure-backfires');
    expect(onlyOn(a, b)).toContain('fear-of-fracture');
    expect(onlyOn(a, a)).toEqual([]);
  });
});
