LOADED: list[str] = []


def load(stdout) -> None:
    LOADED.append("plugin_app")
    stdout.write("测试应用的演示数据已载入。")
