// The cohort view's two charts (grade distribution, score bands) from the page's JSON data; no inline script.
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("cohort-chart-data");
  if (!source || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  function bars(id, part, title, color) {
    var element = document.getElementById(id);
    if (!element) return;
    var chart = echarts.init(element);
    chart.setOption({
      title: { text: title, left: "center", textStyle: { fontSize: 14 } },
      tooltip: {},
      xAxis: { type: "category", data: part.labels },
      yAxis: { type: "value", minInterval: 1, name: data.titles.count },
      series: [{ type: "bar", data: part.values, itemStyle: { color: color }, label: { show: true, position: "top" } }],
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  bars("grade-chart", data.grades, data.titles.grades, "#2f6fb3");
  bars("band-chart", data.bands, data.titles.bands, "#3a9d6e");
});
