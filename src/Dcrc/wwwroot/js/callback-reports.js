// The callback reports' satisfaction trend (ECharts): surveys by band as stacked bars and the success rate as a
// line, from the JSON block the page writes next to the chart (the CSP forbids inline script).
(function () {
  if (!window.echarts) return;
  document.querySelectorAll('[data-trend-chart]').forEach(function (el) {
    var source = document.getElementById(el.getAttribute('data-trend-chart'));
    if (!source) return;
    var d = JSON.parse(source.textContent);
    var chart = window.echarts.init(el);
    var bar = function (name, data, color) {
      return { name: name, type: 'bar', stack: 'bands', barMaxWidth: 36, data: data, itemStyle: { color: color } };
    };
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 56, top: 48, bottom: 28 },
      xAxis: { type: 'category', data: d.labels },
      yAxis: [
        { type: 'value', name: d.names.count, minInterval: 1 },
        { type: 'value', name: d.names.rate, min: 0, max: 100, axisLabel: { formatter: '{value}%' } }
      ],
      series: [
        bar(d.names.completely, d.completely, '#198754'),
        bar(d.names.basically, d.basically, '#ffc107'),
        bar(d.names.dissatisfied, d.dissatisfied, '#dc3545'),
        {
          name: d.names.rate, type: 'line', yAxisIndex: 1, data: d.rate, connectNulls: false, symbolSize: 7,
          itemStyle: { color: '#0d6efd' }, tooltip: { valueFormatter: function (v) { return v == null ? '—' : v + '%'; } }
        }
      ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
    window.addEventListener('beforeprint', function () { chart.resize(); });
  });
})();
