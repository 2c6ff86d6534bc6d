// In-page half of the scenarios beyond the single-curve table (bench/scenarios.mjs drives them):
// - options: on an N-point chart, changing `label`, `yLabel` or `patience` to the painted frame;
// - big: a very large chart (10M points): the longest main-thread task while it is prepared, and its cold render;
// - dashboard: many small charts of a short run on one page, each appended one epoch per round.
// Built on window.benchKit from harness.js (the frame-aligned timing, the data, the library adapters).
(() => {
  const kit = window.benchKit;
  const { aligned, adapter, state, host } = kit;

  // ---------------------------------------------------------------- long tasks

  /** Main-thread tasks over 50 ms (the browser's long-task threshold), collected from `watch` on. */
  const longTasks = [];
  let observer = null;
  function watchTasks() {
    longTasks.length = 0;
    observer?.disconnect();
    observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(e.duration);
    });
    observer.observe({ type: 'longtask' });
  }
  /** The longest task since `watchTasks` (0 when none took over 50 ms), and how many took over 50 ms. */
  function longestTask() {
    for (const e of observer?.takeRecords() ?? []) longTasks.push(e.duration);
    observer?.disconnect();
    observer = null;
    return { longest: longTasks.length ? Math.max(...longTasks) : 0, count: longTasks.length };
  }

  // ---------------------------------------------------------------- options

  /** The values each option alternates between, so every change is a real change. */
  const OPTION_VALUES = { label: ['training loss', 'train'], yLabel: ['cross-entropy', 'loss'], patience: [8, 5] };
  const flips = {};
  function changeOption(name) {
    const values = OPTION_VALUES[name];
    if (!values) throw new Error(`unknown option ${name}`);
    const k = (flips[name] = ((flips[name] ?? -1) + 1) % values.length);
    return aligned(
      () => {
        adapter.el[name] = values[k];
      },
      () => adapter.probe?.(),
    );
  }

  // ---------------------------------------------------------------- big

  /**
   * Two Float64Arrays of N values, train and validation loss at epochs 1..N (the curves and noise of harness.js):
   * the plain typed-array form, whose steps the chart derives. Without the append batches and copies the
   * single-curve measurement prepares (at 10M they would double the page's memory).
   */
  function generateBig(n) {
    const train = new Float64Array(n);
    const validation = new Float64Array(n);
    const noise = kit.gaussian(kit.rng(0x5eed));
    for (let i = 0; i < n; i++) {
      train[i] = kit.trainCurve(i + 1, n) + 0.04 * noise();
      validation[i] = kit.validationCurve(i + 1, n) + 0.02 * noise();
    }
    state.n = n;
    state.native = { train, validation };
    return { n, inputBytes: train.byteLength + validation.byteLength };
  }

  // ---------------------------------------------------------------- dashboard

  const CARD = { width: 320, height: 180, gap: 10, columns: 5 };

  /** Per chart: epochs 1..E of train and validation loss (a different seeded run each), and R more for the rounds. */
  function generateDashboard(charts, epochs, rounds) {
    const runs = [];
    for (let c = 0; c < charts; c++) {
      const noise = kit.gaussian(kit.rng(1000 + c));
      const total = epochs + rounds;
      const train = [];
      const validation = [];
      const rate = 3 + (c % 7) * 0.4;
      for (let e = 1; e <= total; e++) {
        train.push(0.2 + 2 * Math.exp((-rate * e) / total) + 0.02 * noise());
        validation.push(0.3 + 2 * Math.exp((-(rate - 0.5) * e) / total) + 0.1 * (e / total) ** 2 + 0.03 * noise());
      }
      runs.push({ train, validation });
    }
    state.dashboard = { charts, epochs, rounds, runs };
    host.style.cssText = `position:absolute;left:10px;top:10px;display:grid;grid-template-columns:repeat(${CARD.columns},${CARD.width}px);gap:${CARD.gap}px`;
    dash.prepare();
    return { charts, epochs, rounds };
  }

  /** A probe over every chart's shadow root: when any of them last changed (SVG charts draw by changing it). */
  function multiProbe(els) {
    let last = null;
    const mo = new MutationObserver(() => {
      last = performance.now();
    });
    for (const el of els) if (el.shadowRoot) mo.observe(el.shadowRoot, { subtree: true, childList: true, attributes: true, characterData: true });
    return {
      lastChange() {
        if (mo.takeRecords().length) last = performance.now();
        return last;
      },
      stop: () => mo.disconnect(),
    };
  }

  const epochs = (from, to) => Array.from({ length: to - from }, (_, i) => from + i + 1);

  /** loss-curve (and the baseline build): one element per chart; a round appends one epoch to each. */
  const lossCurveDashboard = {
    prepare() {
      const { runs, epochs: E, rounds } = state.dashboard;
      this.initial = runs.map((r) => ({
        train: { steps: Float64Array.from(epochs(0, E)), values: Float64Array.from(r.train.slice(0, E)) },
        validation: { steps: Float64Array.from(epochs(0, E)), values: Float64Array.from(r.validation.slice(0, E)) },
      }));
      const live = typeof customElements.get('loss-curve')?.prototype?.appendPoints === 'function';
      this.mode = live ? 'appendPoints' : 'reassign (no appendPoints)';
      // Round k (0-based): epoch E+k+1 for every chart, as appendPoints batches or as the longer arrays.
      this.rounds = [];
      for (let k = 0; k < rounds; k++) {
        const e = E + k + 1;
        this.rounds.push(
          runs.map((r) =>
            live
              ? { train: { steps: [e], values: [r.train[e - 1]] }, validation: { steps: [e], values: [r.validation[e - 1]] } }
              : {
                  train: { steps: Float64Array.from(epochs(0, e)), values: Float64Array.from(r.train.slice(0, e)) },
                  validation: { steps: Float64Array.from(epochs(0, e)), values: Float64Array.from(r.validation.slice(0, e)) },
                },
          ),
        );
      }
    },
    create() {
      this.els = this.initial.map((d) => {
        const el = document.createElement('loss-curve');
        el.setAttribute('theme', 'light');
        el.style.cssText = `display:block;width:${CARD.width}px;height:${CARD.height}px`;
        el.train = d.train;
        el.validation = d.validation;
        host.append(el);
        return el;
      });
    },
    round(k) {
      const batch = this.rounds[k];
      for (let i = 0; i < this.els.length; i++) {
        const el = this.els[i];
        if (this.mode === 'appendPoints') el.appendPoints(batch[i].train, batch[i].validation);
        else {
          el.train = batch[i].train;
          el.validation = batch[i].validation;
        }
      }
    },
    probe() {
      return this.els ? multiProbe(this.els) : null;
    },
    painted() {
      return this.els.filter((el) => el.shadowRoot?.querySelector('[part~="train-line"] path')).length;
    },
  };

  /** uPlot: one instance per chart; a round calls setData with each chart's arrays one epoch longer (built beforehand). */
  const uplotDashboard = {
    mode: 'setData (grown arrays)',
    prepare() {
      const { runs, epochs: E, rounds } = state.dashboard;
      const aligned = (r, e) => [epochs(0, e), r.train.slice(0, e), r.validation.slice(0, e)];
      this.initial = runs.map((r) => aligned(r, E));
      this.rounds = [];
      for (let k = 0; k < rounds; k++) this.rounds.push(runs.map((r) => aligned(r, E + k + 1)));
    },
    create() {
      this.plots = this.initial.map((data) => {
        const cell = document.createElement('div');
        host.append(cell);
        return new uPlot(
          {
            width: CARD.width,
            height: CARD.height,
            scales: { x: { time: false } },
            series: [{ label: 'epoch' }, { label: 'train', stroke: '#2563eb', width: 2 }, { label: 'validation', stroke: '#ea580c', width: 2 }],
          },
          data,
          cell,
        );
      });
    },
    round(k) {
      const batch = this.rounds[k];
      for (let i = 0; i < this.plots.length; i++) this.plots[i].setData(batch[i]);
    },
    probe: () => null,
    painted() {
      return this.plots.filter((u) => u.ctx).length;
    },
  };

  const dash = { 'loss-curve': lossCurveDashboard, baseline: lossCurveDashboard, uplot: uplotDashboard }[kit.lib] ?? {
    prepare() {
      throw new Error(`no dashboard for ${kit.lib}`);
    },
  };

  window.scenarios = {
    watchTasks,
    longestTask,
    changeOption,
    generateBig,
    generateDashboard,
    dashboardMode: () => dash.mode,
    dashboardCold: () =>
      aligned(
        () => dash.create(),
        () => dash.probe(),
      ),
    dashboardRound: (k) =>
      aligned(
        () => dash.round(k),
        () => dash.probe(),
      ),
    dashboardPainted: () => dash.painted(),
  };
})();
