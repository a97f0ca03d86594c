import socket

from click.testing import CliRunner

from dashboards.server import APP, streamlit_command
from trappe.app.cli import cli


def test_streamlit_runs_headless_on_the_port_and_never_phones_home():
    argv = streamlit_command(8765, "0.0.0.0")
    assert argv[1:5] == ["-m", "streamlit", "run", str(APP)]
    options = dict(zip(argv[5::2], argv[6::2]))
    assert options["--server.port"] == "8765"
    assert options["--server.address"] == "0.0.0.0"
    assert options["--server.headless"] == "true"
    assert options["--browser.gatherUsageStats"] == "false"


def test_dashboard_verb_is_wired_into_trappe():
    result = CliRunner().invoke(cli, ["dashboard", "--help"])
    assert result.exit_code == 0
    assert "--home" in result.output and "--port" in result.output


def test_a_busy_port_is_a_clear_error(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["dashboard", "--home", str(tmp_path), "--port", str(port)])
    assert result.exit_code == 1
    assert f"port {port} on localhost is in use" in result.output
    # and it says what to do when nothing is published yet
    assert "trappe run" in result.output
