// The console's charts of this node's last hour (/api/metrics/recent, one point per 10 s), drawn
// with uPlot from its WebJar: throughput, waiting recipients by state, accept -> final latency.
'use strict';

const charts = {};

const CHARTS = {
  throughput: {
    title: 'Recipients per second',
    series: [['delivered', '#2a8a2a', (p) => p.deliveredPerSecond],
      ['deferred', '#c58a00', (p) => p.deferredPerSecond],
      ['failed', '#c02020', (p) => p.failedPerSecond]],
  },
  depth: {
    title: 'Waiting recipients',
    series: [['queued', '#3060c0', (p) => p.waiting.queued ?? null],
      ['deferred', '#c58a00', (p) => p.waiting.deferred ?? null],
      ['held', '#7050a0', (p) => p.waiting.held ?? null]],
  },
  latency: {
    title: 'Accepted -> final (ms)',
    series: [['p50', '#2a8a2a', (p) => p.latencyP50Millis],
      ['p95', '#c58a00', (p) => p.latencyP95Millis],
      ['p99', '#c02020', (p) => p.latencyP99Millis]],
  },
};

function chartWidth(node) {
  return Math.max(260, node.clientWidth - 8);
}

function drawChart(name, points) {
  const spec = CHARTS[name];
  const node = document.getElementById('chart-' + name);
  const data = [points.map((p) => Date.parse(p.at) / 1000)]
    .concat(spec.series.map(([, , value]) => points.map(value)));
  if (charts[name]) {
    charts[name].setData(data);
    return;
  }
  charts[name] = new uPlot({
    title: spec.title,
    width: chartWidth(node),
    height: 180,
    // Times in the browser's time zone, as every other time on the page.
    series: [{}].concat(spec.series.map(([label, stroke]) => ({ label, stroke, width: 2, spanGaps: false }))),
    axes: [{}, { size: 50 }],
  }, data, node);
}

async function loadCharts() {
  const recent = await getJson('metrics/recent');
  document.getElementById('charts').dataset.points = recent.points.length;
  Object.keys(CHARTS).forEach((name) => drawChart(name, recent.points));
}

window.addEventListener('resize', () => Object.entries(charts).forEach(([name, chart]) =>
  chart.setSize({ width: chartWidth(document.getElementById('chart-' + name)), height: 180 })));
