DEFINITIONS = {"plugin_awards": "奖项数"}
