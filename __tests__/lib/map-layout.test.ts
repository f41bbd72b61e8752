import { layoutMap, wrap, BOX } from '@/app/_lib/map-layout';
import { routes } from '@/app/_lib/routes';
import { strings } from '@/app/_lib/strings';
import { parseScenario } from '@/content/parse';
import { buildScenarioMachine } from '@/machines/scenario-machine';
import { listSteps, resolvePath } from '@/machines/paths';
import { generateScenario } from '@/scripts/lib/synthetic';
import { realScenario } from '../helpers/scenarios';

const kabul = realScenario('kabul-crossroads');
const machine = buildScenarioMachine(kabul);
const steps = listSteps(kabul, machine);
const layout = layoutMap(kabul, steps);

describe('the decision map layout', () => {
  it('has one box per step plus the briefing, each linking to its page', () => {
    expect(layout.nodes).toHaveLength(steps.length + 1);
    const hrefs = layout.nodes.map((n) => n.href).sort();
    expect(hrefs).toEqual(
      [routes.briefing(kabul.id), ...steps.map((s) => routes.step(kabul.id, s.path))].sort(),
    );
  });

  it('links only to steps the machine allows', () => {
    for (const node of layout.nodes.filter((n) => n.kind !== 'briefing')) {
      const path = node.href
        .replace(`${routes.step(kabul.id, [])}`, '')
        .split('/')
        .filter(Boolean);
      expect(resolvePath(machine, path).ok).toBe(true);
    }
  });

  it('labels each line with the option that leads along it', () => {
    expect(layout.edges.map((e) => e.label).sort()).toEqual(
      ['', 'Pakistan', 'The TTP', 'Partnership', 'Pressure', 'Partnership', 'Pressure'].sort(),
    );
  });

  it('marks outcomes where the text is silent', () => {
    const silent = layout.nodes
      .filter((n) => n.silent)
      .map((n) => n.key)
      .sort();
    const expected = steps
      .filter((s) => {
        const node = kabul.nodes[s.nodeId];
        return node?.kind === 'outcome' && node.silences.length > 0;
      })
      .map((s) => s.path.join('/'))
      .sort();
    expect(silent).toEqual(expected);
  });

  it('marks a silent outcome “partly” silent where the text says something of its path', () => {
    const byKey = (path: string) => layout.nodes.find((n) => n.key === path);
    // Pakistan, then partnership: the text argues for it (¶9 s3); only the ISKP split is unsaid.
    expect(byKey('pakistan/partnership')?.silent).toBe('part');
    expect(byKey('pakistan/pressure')?.silent).toBe('part');
    expect(byKey('ttp/pressure')?.silent).toBe('part');
    expect(strings.mapNodeKind('Outcome', 'part', false)).toBe('text partly silent');
    expect(strings.mapNodeKind('Outcome', 'all', false)).toBe('text silent');
  });

  it('gives a ruled-out outcome its ruling’s tie kind, so the map can hedge our reading', () => {
    const ruled = layout.nodes.filter((n) => n.ruledOut);
    expect(ruled.map((n) => [n.key, n.ruledOut])).toEqual([['ttp/partnership', 'inferred']]);
    expect(strings.mapNodeKind('Outcome', false, 'inferred')).toBe('read as ruled out');
    // The name starts with the box's visible text, in order (WCAG 2.5.3), then says the rest.
    expect(
      strings.mapNodeName('Outcome', 'The TTP, then partnership', 'Partnership', false, 'inferred'),
    ).toBe(
      'read as ruled out The TTP, then partnership (outcome), after choosing Partnership, the text rules this combination out, as we read it',
    );
  });

  it('keeps boxes from overlapping and inside the drawing', () => {
    for (const a of layout.nodes) {
      expect(a.x - BOX.width / 2).toBeGreaterThanOrEqual(0);
      expect(a.x + BOX.width / 2).toBeLessThanOrEqual(layout.width);
      expect(a.y + BOX.height).toBeLessThanOrEqual(layout.height);
      for (const b of layout.nodes) {
        if (a === b || a.y !== b.y) continue;
        expect(Math.abs(a.x - b.x)).toBeGreaterThanOrEqual(BOX.width);
      }
    }
  });

  it('wraps long titles onto at most three lines', () => {
    expect(wrap('The situation as the text describes it')).toEqual([
      'The situation as the',
      'text describes it',
    ]);
    expect(wrap('a '.repeat(80)).length).toBe(3);
  });

  it('lays out a generated 1,000-node scenario', () => {
    const { scenario, sourceFile, sourceText } = generateScenario({
      nodes: 1000,
      depth: 10,
      seed: 7,
    });
    const parsed = parseScenario(scenario, {
      file: 'synthetic.json',
      sources: { [sourceFile]: sourceText },
    });
    if (!parsed.ok) throw new Error('synthetic scenario must parse');
    const big = layoutMap(
      parsed.scenario,
      listSteps(parsed.scenario, buildScenarioMachine(parsed.scenario)),
    );
    expect(big.nodes.length).toBe(1000);
    expect(Number.isFinite(big.width) && Number.isFinite(big.height)).toBe(true);
  });
});
