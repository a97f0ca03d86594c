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
        result = CliRunner().invoke(
            cli, ["dashboard", "--home", str(tmp_path), "--port", str(port)]
        )
    assert result.exit_code == 1
    assert f"port {port} on localhost is in use" in result.output
    # and it says what to do when nothing is published yet
    assert "trappe run" in result.output


def test_users_verb_adds_lists_and_removes_users(tmp_path):
    from dashboards.users import read_users, verify_password

    runner = CliRunner()
    added = runner.invoke(
        cli,
        [
            "users",
            "add",
            "nord",
            "--role",
            "team_leader",
            "--team",
            "Nord",
            "--home",
            str(tmp_path),
        ],
        input="pw\npw\n",
    )
    assert added.exit_code == 0, added.output
    user = read_users(tmp_path / "users.toml")["nord"]
    assert user.teams == ("Nord",) and verify_password("pw", user.password_hash)
    listed = runner.invoke(cli, ["users", "list", "--home", str(tmp_path)])
    assert "nord\tteam_leader teams=Nord\tpassword" in listed.output
    assert "scrypt" not in listed.output
    no_team = runner.invoke(
        cli,
        [
            "users",
            "add",
            "syd",
            "--role",
            "team_leader",
            "--password",
            "x",
            "--home",
            str(tmp_path),
        ],
    )
    assert no_team.exit_code == 2 and "needs at least one --team" in no_team.output
    missing = runner.invoke(cli, ["users", "remove", "bob", "--home", str(tmp_path)])
    assert missing.exit_code != 0 and "no user 'bob'" in missing.output
    assert runner.invoke(cli, ["users", "remove", "nord", "--home", str(tmp_path)]).exit_code == 0
    assert read_users(tmp_path / "users.toml") == {}


def test_demo_login_lines_name_every_role(tmp_path):
    from dashboards.users import create_demo_users, demo_login_lines

    path = tmp_path / "users.toml"
    lines = demo_login_lines(create_demo_users(path), path)
    text = "\n".join(lines)
    assert "ledelse" in text and "teamleder" in text and "dataansvarlig" in text
    assert str(path) in text
