// In-page half of the benchmark: generates the data, drives one charting library and times it.
// Loaded by bench/page.html?lib=<loss-curve|uplot|chartjs>; bench/run.mjs calls window.bench.* through Playwright.
(() => {
  const TRAIN_COLOR = '#2563eb';
  const VALIDATION_COLOR = '#ea580c';
  const WIDTH = 800;
  const HEIGHT = 400;
  const LINE_WIDTH = 2;
  /** Points appended per append measurement, and how many append batches are prepared. */
  const APPEND = 100;
  const APPEND_BATCHES = 2;
  /** Validation is recorded at every VALIDATION_EVERY-th step. */
  const VALIDATION_EVERY = 100;
  /** Where the single-step spikes are, as fractions of N, and how far above the curve they go. */
  const SPIKE_FRACTIONS = [0.12, 0.31, 0.5, 0.68, 0.87];
  const SPIKE_HEIGHT = 1.0;
  /** Offset (fraction of N) of the control columns used to check that the spike test is not trivially true. */
  const CONTROL_OFFSET = 0.03;

  const params = new URLSearchParams(location.search);
  const lib = params.get('lib');
  /** `append=reassign`: measure loss-curve's appends by reassigning the longer arrays even if appendPoints exists. */
  const forceReassign = params.get('append') === 'reassign';
  const host = document.getElementById('host');

  // ---------------------------------------------------------------- timing

  const now = () => performance.now();
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

  /**
   * A 1×1 px element in its own layer, away from the chart, whose color changes in every frame we wait on, so
   * that each of those frames commits something. Chromium commits a frame only after the compositor has
   * rasterized and activated the previous one, so the frame after next cannot begin before the frame we care
   * about is rasterized.
   */
  const beat = document.createElement('div');
  beat.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;will-change:transform;background:#fff';
  document.body.append(beat);
  let beatOn = false;
  const heartbeat = () => {
    beatOn = !beatOn;
    beat.style.background = beatOn ? '#fefefe' : '#fff';
  };

  /** Resolves at the start of the k-th frame from now, committing a heartbeat change in each frame before it. */
  function frames(k) {
    return new Promise((resolve) => {
      const step = () => {
        heartbeat();
        if (--k <= 0) resolve(now());
        else requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
  }

  /** Lets pending work (rasterization, observers, deferred renders, timers) settle: three frames and a task. */
  async function settle() {
    await frames(3);
    await nextTask();
  }

  /**
   * Frame-aligned measurement. Runs `fn` at the start of a rAF callback (frame F), so no time is spent idle
   * waiting for vsync. A library may draw in F (synchronously, or in the microtasks after the callback: Lit,
   * uPlot) or in F+1 (a rAF it requests, to coalesce several calls into one render: `appendPoints`). `probe`
   * (optional, from the adapter) gives the time of the chart's last DOM change, which tells the two apart for
   * SVG charts; without one, the library is taken to draw in F (canvas libraries draw on the main
   * thread, in the call or its microtasks). Reports, in ms from the call:
   * - `sync`: the synchronous call alone;
   * - `main`: main-thread time, without idle: from the call to a setTimeout(0) queued from F's callback (it runs
   *   after the microtasks that follow the callback and after F's style, layout and paint), plus F+1's share:
   *   from the start of F+1's rAF callbacks (a callback registered before the call, so it runs first) to a
   *   setTimeout(0) queued from a callback registered after the call (so after the library's own rAF callback
   *   and its microtasks), which runs after F+1's style, layout and paint. For a library that draws in F, F+1's
   *   share is an empty frame, well under a millisecond. Where the two intervals overlap (after a long frame F+1
   *   can begin before F's timeout runs), the overlap counts once;
   * - `frame`: to the start of frame R+2, R being the frame the library drew in. A 1×1 px heartbeat element
   *   changes in every frame, so every frame commits, and Chromium commits R+1 only after the compositor has
   *   rasterized and activated R: R+2 cannot begin before R's pixels are ready. This includes rasterization,
   *   which for SVG happens off the main thread. Its floor is about two frame intervals (33 ms at 60 Hz) after
   *   R begins;
   * - `nextFrame`: to the start of F+1 (a plain double rAF), which may come before anything is rasterized;
   * - `drawnIn`: 0 if the library drew in F, 1 if in F+1.
   */
  function aligned(fn, makeProbe) {
    return new Promise((resolve, reject) => {
      requestAnimationFrame(() => {
        heartbeat();
        let t0 = 0;
        let probe = null;
        const starts = [];
        const r = { sync: 0, main: null, nextFrame: null, frame: null, drawnIn: 0 };
        let mainF = null;
        let mainF1 = null;
        let drewInF1 = false;
        const done = () => {
          if (mainF === null || mainF1 === null || starts.length < 3) return;
          probe?.stop();
          // Union of the two busy intervals: after a long frame, F+1 can begin before F's timeout runs.
          r.main = mainF - t0 + Math.max(0, mainF1 - Math.max(f1Start, mainF));
          r.nextFrame = starts[0];
          r.drawnIn = drewInF1 ? 1 : 0;
          r.frame = drewInF1 ? starts[2] : starts[1];
          resolve(r);
        };
        // F+1, F+2, F+3: registered before the call so that each runs first in its frame.
        let f1Start = 0;
        requestAnimationFrame(() => {
          heartbeat();
          f1Start = now();
          starts.push(f1Start - t0);
          requestAnimationFrame(() => {
            heartbeat();
            starts.push(now() - t0);
            requestAnimationFrame(() => {
              heartbeat();
              starts.push(now() - t0);
              done();
            });
          });
        });
        t0 = now();
        try {
          fn();
        } catch (error) {
          reject(error);
          return;
        }
        r.sync = now() - t0;
        probe = makeProbe ? makeProbe() : null;
        setTimeout(() => {
          mainF = now();
          done();
        }, 0);
        // Runs in F+1 after the library's own rAF callbacks (registered during the call) and their microtasks.
        requestAnimationFrame(() => {
          setTimeout(() => {
            mainF1 = now();
            const last = probe ? probe.lastChange() : null;
            drewInF1 = last !== null && last >= f1Start;
            done();
          }, 0);
        });
      });
    });
  }

  // ---------------------------------------------------------------- data

  /** Small seeded PRNG (mulberry32). */
  function rng(seed) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /** Standard normal deviates from a uniform source (Box-Muller). */
  function gaussian(uniform) {
    let spare = null;
    return () => {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      const u = Math.max(uniform(), 1e-12);
      const v = uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    };
  }

  const trainCurve = (s, n) => 0.3 + 2.2 * Math.exp((-5 * s) / n);
  const validationCurve = (s, n) => 0.36 + 2.1 * Math.exp((-4.5 * s) / n) + 0.08 * (s / n) ** 2;

  /**
   * The shared data set: N training points at steps 1..N (decaying curve, seeded noise, 5 single-step spikes),
   * validation at every 100th step, plus the points that the append measurements add after step N.
   */
  function generate(n) {
    const total = n + APPEND * APPEND_BATCHES;
    const steps = new Float64Array(total);
    const values = new Float64Array(total);
    const noise = gaussian(rng(0x5eed));
    for (let i = 0; i < total; i++) {
      const s = i + 1;
      steps[i] = s;
      values[i] = trainCurve(s, n) + 0.04 * noise();
    }
    const spikes = SPIKE_FRACTIONS.map((f) => {
      const step = Math.min(n - 1, Math.max(2, Math.round(n * f)));
      values[step - 1] = trainCurve(step, n) + SPIKE_HEIGHT;
      return { step, value: values[step - 1] };
    });
    const vCount = Math.floor(total / VALIDATION_EVERY);
    const vSteps = new Float64Array(vCount);
    const vValues = new Float64Array(vCount);
    const vNoise = gaussian(rng(0xbeef));
    for (let j = 0; j < vCount; j++) {
      const s = (j + 1) * VALIDATION_EVERY;
      vSteps[j] = s;
      vValues[j] = validationCurve(s, n) + 0.02 * vNoise();
    }
    const full = { train: { steps, values }, validation: { steps: vSteps, values: vValues } };
    const upTo = (limit) => ({
      train: { steps: steps.slice(0, limit), values: values.slice(0, limit) },
      validation: {
        steps: vSteps.slice(0, Math.floor(limit / VALIDATION_EVERY)),
        values: vValues.slice(0, Math.floor(limit / VALIDATION_EVERY)),
      },
    });
    const initial = upTo(n);
    const controls = spikes.map((sp) => {
      let step = Math.round(sp.step + n * CONTROL_OFFSET);
      if (step > n - 1) step = Math.round(sp.step - n * CONTROL_OFFSET);
      return { step, value: sp.value };
    });
    state.n = n;
    state.full = full;
    state.initial = initial;
    state.upTo = upTo;
    state.spikes = spikes;
    state.controls = controls;
    const inputBytes =
      initial.train.steps.byteLength + initial.train.values.byteLength + initial.validation.steps.byteLength + initial.validation.values.byteLength;
    return { n, validationPoints: initial.validation.steps.length, inputBytes, spikes };
  }

  /** The batch of points appended by append number k (1-based): steps n+(k-1)*100+1 .. n+k*100. */
  function appendBatch(k) {
    const { n, full } = state;
    const from = n + (k - 1) * APPEND;
    const to = n + k * APPEND;
    const vFrom = Math.floor(from / VALIDATION_EVERY);
    const vTo = Math.floor(to / VALIDATION_EVERY);
    return {
      train: { steps: full.train.steps.slice(from, to), values: full.train.values.slice(from, to) },
      validation: { steps: full.validation.steps.slice(vFrom, vTo), values: full.validation.values.slice(vFrom, vTo) },
    };
  }

  // ---------------------------------------------------------------- libraries

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.append(s);
    });
  }

  function loadStyle(href) {
    return new Promise((resolve, reject) => {
      const l = document.createElement('link');
      l.rel = 'stylesheet';
      l.href = href;
      l.onload = resolve;
      l.onerror = () => reject(new Error(`could not load ${href}`));
      document.head.append(l);
    });
  }

  /** Parses an axis tick label such as "1,000", "200k", "0.5" or "−1" into a number. */
  function parseTick(text) {
    const t = text
      .trim()
      .replace(/,/g, '')
      .replace(/\u2212/g, '-');
    const m = /^(-?[\d.]+(?:e[-+]?\d+)?)\s*([kMGTmµu]?)$/.exec(t);
    if (!m) return NaN;
    const mult = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, m: 1e-3, µ: 1e-6, u: 1e-6 }[m[2]];
    return Number(m[1]) * mult;
  }

  /** A linear value-to-pixel mapping from an SVG axis's labelled ticks (fallback when no scale is exposed). */
  function tickScale(axis, attr) {
    const pts = [...axis.querySelectorAll('text:not(.axis-label)')]
      .map((t) => ({ v: parseTick(t.textContent || ''), p: Number(t.getAttribute(attr)) }))
      .filter((t) => Number.isFinite(t.v) && Number.isFinite(t.p));
    if (pts.length < 2) return null;
    const a = pts[0];
    const b = pts[pts.length - 1];
    return (v) => a.p + ((v - a.v) * (b.p - a.p)) / (b.v - a.v);
  }

  const adapters = {
    'loss-curve': {
      label: 'loss-curve',
      async load() {
        await loadScript('/dist/cdn/training-curves.iife.js');
        await customElements.whenDefined('loss-curve');
      },
      version: () => null,
      appendMode: () =>
        forceReassign
          ? 'reassign (forced with --loss-curve-append reassign)'
          : typeof customElements.get('loss-curve')?.prototype?.appendPoints === 'function'
            ? 'appendPoints'
            : 'reassign (no appendPoints yet)',
      prepare(d) {
        return { train: { steps: d.train.steps, values: d.train.values }, validation: { steps: d.validation.steps, values: d.validation.values } };
      },
      create(native) {
        const el = document.createElement('loss-curve');
        el.setAttribute('theme', 'light');
        el.style.setProperty('--tc-train-color', TRAIN_COLOR);
        el.style.setProperty('--tc-validation-color', VALIDATION_COLOR);
        el.style.setProperty('--tc-line-width', `${LINE_WIDTH}px`);
        el.train = native.train;
        el.validation = native.validation;
        host.append(el);
        this.el = el;
      },
      prepareWarm(d) {
        const copy = (s) => ({ steps: new Float64Array(s.steps), values: new Float64Array(s.values) });
        return { train: copy(d.train), validation: copy(d.validation) };
      },
      warm(w) {
        this.el.train = w.train;
        this.el.validation = w.validation;
      },
      prepareAppend(k) {
        if (this.appendMode() === 'appendPoints') return appendBatch(k);
        return state.upTo(state.n + k * APPEND);
      },
      append(batch) {
        if (this.appendMode() === 'appendPoints') {
          this.el.appendPoints(batch.train, batch.validation.steps.length ? batch.validation : undefined);
        } else {
          this.el.train = batch.train;
          this.el.validation = batch.validation;
        }
      },
      /** Whether the element is still reading large data in chunks (its status says "Reading …"). */
      reading() {
        const message = this.el?.shadowRoot?.querySelector('[part~="message"]');
        return !!message && /^Reading /.test(message.textContent.trim());
      },
      /** When the element's shadow DOM last changed (it draws in SVG, so a render mutates it). */
      probe() {
        const root = this.el?.shadowRoot;
        if (!root) return null;
        // Mutation callbacks are microtasks, so they run right after the render that caused them.
        let last = null;
        const mo = new MutationObserver(() => {
          last = now();
        });
        mo.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
        return {
          lastChange() {
            if (mo.takeRecords().length) last = now();
            return last;
          },
          stop: () => mo.disconnect(),
        };
      },
      check() {
        const path = this.el.shadowRoot?.querySelector('[part~="train-line"]');
        const segments = [...(path?.querySelectorAll('path') ?? [])];
        return { drawn: !!path, pathChars: segments.reduce((n, p) => n + (p.getAttribute('d')?.length ?? 0), 0) };
      },
      toPixels(points) {
        const root = this.el.shadowRoot;
        const svg = root.querySelector('svg.plot') || root.querySelector('svg[part~="svg"]');
        const box = svg.getBoundingClientRect();
        const layout = this.el.layout;
        let sx = layout?.x?.scale;
        let sy = layout?.y?.scale;
        if (typeof sx !== 'function' || typeof sy !== 'function') {
          sx = tickScale(root.querySelector('[part~="x-axis"]'), 'x');
          sy = tickScale(root.querySelector('[part~="y-axis"]'), 'y');
        }
        return points.map((p) => ({ x: box.left + sx(p.step), y: box.top + sy(p.value) }));
      },
    },

    uplot: {
      label: 'uPlot',
      async load() {
        await loadStyle('/node_modules/uplot/dist/uPlot.min.css');
        await loadScript('/node_modules/uplot/dist/uPlot.iife.min.js');
      },
      appendMode: () => 'setData (longer arrays)',
      /** uPlot's aligned format: one x array; validation has null (a gap, spanned) at steps without a value. */
      aligned(d) {
        const n = d.train.steps.length;
        const v = new Array(n).fill(null);
        const { steps, values } = d.validation;
        for (let j = 0; j < steps.length; j++) v[steps[j] - 1] = values[j];
        return [d.train.steps, d.train.values, v];
      },
      prepare(d) {
        return this.aligned(d);
      },
      create(native) {
        const opts = {
          width: WIDTH,
          height: HEIGHT,
          scales: { x: { time: false } },
          series: [
            { label: 'step' },
            { label: 'train', stroke: TRAIN_COLOR, width: LINE_WIDTH },
            { label: 'validation', stroke: VALIDATION_COLOR, width: LINE_WIDTH, spanGaps: true },
          ],
        };
        this.native = native;
        this.u = new uPlot(opts, native, host);
      },
      prepareWarm() {
        return this.native;
      },
      warm(w) {
        this.u.setData(w);
      },
      prepareAppend(k) {
        return this.aligned(state.upTo(state.n + k * APPEND));
      },
      append(batch) {
        this.u.setData(batch);
      },
      check() {
        return { drawn: !!this.u?.ctx, pathChars: 0 };
      },
      toPixels(points) {
        const box = this.u.over.getBoundingClientRect();
        return points.map((p) => ({ x: box.left + this.u.valToPos(p.step, 'x'), y: box.top + this.u.valToPos(p.value, 'y') }));
      },
    },

    chartjs: {
      label: 'Chart.js',
      async load() {
        await loadScript('/node_modules/chart.js/dist/chart.umd.js');
      },
      appendMode: () => "push + update('none')",
      /** Chart.js with parsing: false takes {x, y} objects (its internal format). */
      objects(s) {
        const out = new Array(s.steps.length);
        for (let i = 0; i < out.length; i++) out[i] = { x: s.steps[i], y: s.values[i] };
        return out;
      },
      prepare(d) {
        return { train: this.objects(d.train), validation: this.objects(d.validation) };
      },
      create(native) {
        const canvas = document.createElement('canvas');
        canvas.width = WIDTH;
        canvas.height = HEIGHT;
        canvas.style.width = `${WIDTH}px`;
        canvas.style.height = `${HEIGHT}px`;
        host.append(canvas);
        this.native = native;
        this.canvas = canvas;
        this.chart = new Chart(canvas, {
          type: 'line',
          data: {
            datasets: [
              {
                label: 'train',
                data: native.train,
                borderColor: TRAIN_COLOR,
                backgroundColor: TRAIN_COLOR,
                borderWidth: LINE_WIDTH,
                pointRadius: 0,
                fill: false,
              },
              {
                label: 'validation',
                data: native.validation,
                borderColor: VALIDATION_COLOR,
                backgroundColor: VALIDATION_COLOR,
                borderWidth: LINE_WIDTH,
                pointRadius: 0,
                fill: false,
              },
            ],
          },
          options: {
            responsive: false,
            animation: false,
            parsing: false,
            normalized: true,
            scales: { x: { type: 'linear' }, y: { type: 'linear' } },
            plugins: { decimation: { enabled: true, algorithm: 'min-max' } },
          },
        });
      },
      prepareWarm() {
        return null;
      },
      warm() {
        this.chart.update();
      },
      prepareAppend(k) {
        const b = appendBatch(k);
        return { train: this.objects(b.train), validation: this.objects(b.validation) };
      },
      append(batch) {
        // The decimation plugin swaps dataset.data for its decimated copy; the original arrays are the ones we hold.
        for (const p of batch.train) this.native.train.push(p);
        for (const p of batch.validation) this.native.validation.push(p);
        this.chart.update('none');
      },
      check() {
        return { drawn: !!this.chart, pathChars: 0, decimated: !!this.chart?.data?.datasets?.[0]?._decimated };
      },
      toPixels(points) {
        const box = this.canvas.getBoundingClientRect();
        const { x, y } = this.chart.scales;
        return points.map((p) => ({ x: box.left + x.getPixelForValue(p.step), y: box.top + y.getPixelForValue(p.value) }));
      },
    },
  };

  // ---------------------------------------------------------------- API for run.mjs

  // `baseline`: an earlier build of the same elements (run.mjs --baseline), measured exactly as loss-curve is.
  adapters.baseline = {
    ...adapters['loss-curve'],
    label: 'baseline',
    async load() {
      await loadScript(params.get('script'));
      await customElements.whenDefined('loss-curve');
    },
  };

  const state = {};
  const adapter = adapters[lib];

  const ready = (async () => {
    if (!adapter) throw new Error(`unknown lib ${lib}`);
    await adapter.load();
    await settle();
  })();

  // The pieces bench/scenarios.js builds its scenarios from (the option changes, 10M points, the dashboard).
  window.benchKit = { aligned, settle, frames, rng, gaussian, trainCurve, validationCurve, adapters, adapter, state, host, lib, params };

  window.bench = {
    ready: () => ready.then(() => ({ lib: adapter.label, appendMode: adapter.appendMode() })),
    generate,
    settle,
    prepare() {
      state.native = adapter.prepare(state.initial);
    },
    async cold() {
      const start = now();
      const r = await aligned(
        () => adapter.create(state.native),
        () => adapter.probe?.(),
      );
      // A chart that reads large data in chunks paints a "Reading … points" status first and yields between chunks:
      // the frame measured then shows the status, and the main thread works on after it. The chart is painted in the
      // frame after the read is done.
      if (r.main > r.frame || adapter.reading?.()) {
        r.statusFrame = r.frame;
        while (adapter.reading?.()) await frames(1);
        r.frame = (await frames(2)) - start;
      }
      return r;
    },
    check() {
      return adapter.check();
    },
    /** Pixel positions (viewport CSS px) of each spike's peak and of its control column at the same height. */
    spikePixels() {
      const peaks = adapter.toPixels(state.spikes);
      const controls = adapter.toPixels(state.controls);
      return state.spikes.map((s, i) => ({ step: s.step, value: s.value, x: peaks[i].x, y: peaks[i].y, controlX: controls[i].x }));
    },
    prepareExtra() {
      state.warm = adapter.prepareWarm(state.initial);
      state.appends = [];
      for (let k = 1; k <= APPEND_BATCHES; k++) state.appends.push(adapter.prepareAppend(k));
    },
    warm() {
      return aligned(
        () => adapter.warm(state.warm),
        () => adapter.probe?.(),
      );
    },
    /** Append number k (0-based): the first one may convert the chart to a live state, the second is steady. */
    append(k) {
      return aligned(
        () => adapter.append(state.appends[k]),
        () => adapter.probe?.(),
      );
    },
  };
})();
