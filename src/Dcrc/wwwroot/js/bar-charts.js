// Simple bar charts (ECharts) from a JSON block {labels, values, name} named by data-bar-chart (the CSP forbids inline script).
(function () {
  if (!window.echarts) return;
  document.querySelectorAll('[data-bar-chart]').forEach(function (el) {
    var source = document.getElementById(el.getAttribute('data-bar-chart'));
    if (!source) return;
    var d = JSON.parse(source.textContent);
    var chart = window.echarts.init(el);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom: 48 },
      xAxis: { type: 'category', data: d.labels, axisLabel: { interval: 0, rotate: d.labels.length > 5 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: d.name, type: 'bar', barMaxWidth: 36, data: d.values, itemStyle: { color: '#0d6efd' } }]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
