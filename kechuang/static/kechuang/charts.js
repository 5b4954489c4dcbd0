// The pages' ECharts, without inline script (the pages run under a content security policy): a chart is
// an element with data-chart="<kind>" and data-chart-data="<id of its json_script>"; series names that
// the page translates come in data-labels="name|name".
(function () {
  const builders = {
    platforms: (data) => ({
      height: Math.max(260, data.types.length * 34 + 80),
      option: {
        color: ["#c8102e", "#e8833a", "#3b82c4", "#6b9e4a"],
        tooltip: {trigger: "axis", axisPointer: {type: "shadow"}},
        legend: {top: 0},
        grid: {left: 8, right: 24, top: 36, bottom: 8, containLabel: true},
        xAxis: {type: "value", minInterval: 1},
        yAxis: {type: "category", data: data.types, inverse: true},
        series: data.levels.map((level, i) => ({
          name: level, type: "bar", stack: "level", data: data.counts[i], barMaxWidth: 22,
        })),
      },
    }),
    progress: (data, labels) => ({
      height: Math.max(260, data.names.length * 30 + 80),
      option: {
        color: ["#2b6cb0", "#cbd2d9"],
        tooltip: {trigger: "axis", axisPointer: {type: "shadow"}, valueFormatter: (v) => v + "%"},
        legend: {top: 0},
        grid: {left: 8, right: 24, top: 36, bottom: 8, containLabel: true},
        xAxis: {type: "value", max: 100, axisLabel: {formatter: "{value}%"}},
        yAxis: {type: "category", data: data.names, inverse: true, axisLabel: {width: 220, overflow: "truncate"}},
        series: [
          {name: labels[0], type: "bar", data: data.actual, barMaxWidth: 12},
          {name: labels[1], type: "bar", data: data.planned, barMaxWidth: 12},
        ],
      },
    }),
    path: (data, labels) => ({
      option: {
        color: ["#9aa5b1", "#c8102e", "#2b6cb0", "#2b6cb0"],
        tooltip: {trigger: "axis"},
        legend: {top: 0},
        grid: {left: 8, right: 24, top: 36, bottom: 8, containLabel: true},
        xAxis: {type: "category", data: data.years},
        yAxis: {type: "value"},
        series: [
          {name: labels[0], type: "line", data: data.planned, lineStyle: {type: "dashed"}, connectNulls: true},
          {name: labels[1], type: "scatter", data: data.targets, symbolSize: 12},
          {name: labels[2], type: "line", data: data.actual, connectNulls: true},
          {name: labels[3], type: "line", data: data.forecast, connectNulls: true, lineStyle: {type: "dotted"}},
        ],
      },
    }),
    bars: (data, labels) => ({
      height: Math.max(240, data.names.length * 34 + 80),
      option: {
        color: ["#c8102e", "#2b6cb0"],
        tooltip: {trigger: "axis", axisPointer: {type: "shadow"}},
        legend: {top: 0},
        grid: {left: 8, right: 24, top: 36, bottom: 8, containLabel: true},
        xAxis: {type: "value"},
        yAxis: {type: "category", data: data.names, inverse: true, axisLabel: {width: 200, overflow: "truncate"}},
        series: [
          {name: labels[0], type: "bar", data: data.amounts, barMaxWidth: 14},
          {name: labels[1], type: "bar", data: data.technical, barMaxWidth: 14},
        ],
      },
    }),
    funnel: (data) => ({
      option: {
        tooltip: {trigger: "item"},
        series: [{type: "funnel", sort: "none", minSize: "10%", data: data, label: {formatter: "{b}：{c}"}}],
      },
    }),
  };

  function draw() {
    document.querySelectorAll("[data-chart]").forEach((element) => {
      const build = builders[element.dataset.chart];
      const source = document.getElementById(element.dataset.chartData);
      if (!build || !source || typeof echarts === "undefined") return;
      const labels = (element.dataset.labels || "").split("|");
      const {height, option} = build(JSON.parse(source.textContent), labels);
      if (height) element.style.height = height + "px";
      const chart = echarts.init(element);
      chart.setOption(option);
      window.addEventListener("resize", () => chart.resize());
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
