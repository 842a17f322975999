"""`policy server start|stop|status`: the resident process that lets every command start at once (engine/resident.py)."""

from __future__ import annotations

import os
import sys
import time
from typing import Any

import click

from .app import EXIT_OK, EXIT_USAGE, Whole, lang_option, main


@main.group()
def server() -> None:
    """Keep the tool loaded in the background so that every command starts at once.

    Run `policy server start` once (for example when you start work); every `policy` command then
    runs in a fresh copy of the loaded tool and gives exactly the answer it gives without the
    server. The server stops by itself after a while without commands, or with
    `policy server stop`. POLICY_NO_SERVER=1 runs a command without it.
    """


def _since(started: float) -> str:
    return time.strftime("%H:%M", time.localtime(started))


def _running(answer: dict[str, Any], say: str) -> str:
    """What `status` and `start` say of a running server."""
    from ..commandwords import say as words

    text = words("server_running", say, since=_since(answer["started"]),
                 n=answer["served"], minutes=round(answer["idle_minutes"]))
    if answer.get("stale"):
        text += words("server_stale", say)
    elif not answer.get("same"):
        text += words("server_other", say)
    return text


def _wait_gone() -> None:
    """Wait (a few seconds at most) until the stopped server has let go of its socket."""
    from .. import resident

    path = resident.socket_path(os.environ)
    deadline = time.monotonic() + 10
    while os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(0.02)


@server.command()
@click.option("--idle-minutes", type=Whole(1, 24 * 60), default=None, metavar="N",
              help="Stop after this many minutes without a command (default: 120).")
@lang_option
def start(idle_minutes: int | None, say: str) -> None:
    """Start the server (nothing happens if it is already running)."""
    from .. import resident
    from ..commandwords import say as words

    if not resident.SUPPORTED:
        click.echo(words("server_unsupported", say), err=True)
        sys.exit(EXIT_USAGE)
    answer = resident.ask("status", os.environ)
    if answer is not None and answer.get("same") and not answer.get("stale"):
        click.echo(_running(answer, say))
        sys.exit(EXIT_OK)
    if answer is not None:  # out of date, or for another setting: replaced
        resident.ask("stop", os.environ)
        _wait_gone()
    minutes = idle_minutes or resident.DEFAULT_IDLE_MINUTES
    path = resident.socket_path(os.environ)
    try:
        process = resident.spawn(minutes)
    except resident.SocketPathTooLong:
        click.echo(words("server_path_too_long", say, folder=os.path.dirname(path),
                         length=len(os.fsencode(path))), err=True)
        sys.exit(EXIT_USAGE)
    except PermissionError:  # the folder of the socket is not this user's alone
        click.echo(words("server_unsafe", say, folder=os.path.dirname(path)), err=True)
        sys.exit(EXIT_USAGE)
    except OSError:  # the folder or the log cannot be made
        click.echo(words("server_failed", say, log=resident.beside(path, "log")), err=True)
        sys.exit(EXIT_USAGE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        answer = resident.ask("status", os.environ)
        if answer is not None:
            click.echo(words("server_started", say, minutes=minutes))
            sys.exit(EXIT_OK)
        if process.poll() is not None and process.returncode != 3:
            break  # 3: another server took the socket first; wait for it to answer
        time.sleep(0.05)
    click.echo(words("server_failed", say, log=resident.beside(path, "log")), err=True)
    sys.exit(EXIT_USAGE)


@server.command()
@lang_option
def stop(say: str) -> None:
    """Stop the server; commands start on their own again."""
    from .. import resident
    from ..commandwords import say as words

    answer = resident.ask("stop", os.environ)
    deadline = time.monotonic() + 60
    while answer is None and resident._starting(os.environ) and time.monotonic() < deadline:
        time.sleep(0.05)  # warming up (a command at a terminal started it): stopped once it listens
        answer = resident.ask("stop", os.environ)
    click.echo(words("server_stopped", say) if answer is not None
               else words("server_none", say))
    sys.exit(EXIT_OK)


@server.command()
@lang_option
def status(say: str) -> None:
    """Say whether the server is running, since when and how many commands it ran."""
    from .. import resident
    from ..commandwords import say as words

    answer = resident.ask("status", os.environ)
    if answer is not None:
        click.echo(_running(answer, say))
    elif resident._starting(os.environ):
        click.echo(words("server_warming", say))
    else:
        text = words("server_none", say)
        path = resident.socket_path(os.environ)
        if not resident.socket_fits(path):
            text += words("server_path_too_long_note", say, folder=os.path.dirname(path),
                          length=len(os.fsencode(path)))
        elif resident.failed_to_start(os.environ):
            log = resident.beside(resident.socket_path(os.environ), "log")
            text += words("server_crashed", say, log=log)
        click.echo(text)
    sys.exit(EXIT_OK)
