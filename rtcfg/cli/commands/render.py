"""`rtcfg render` and `rtcfg migrate`: the JSON the API takes, and beta profiles as GA ones."""

import enum
from typing import Annotated

import typer

from rtcfg.cli.app import app, guarded
from rtcfg.cli.io import emit, print_diagnostics, read_one, say
from rtcfg.cli.options import Api, Color, ConfigOption, IsolatedOption, RootOption, output_file
from rtcfg.core.errors import ExitCode, RtcfgError
from rtcfg.dialects import EXPIRES_MAX, EXPIRES_MIN, MAX_EVENT_ID


class MigrateTarget(str, enum.Enum):
    ga = "ga"
    live = "live"


class Envelope(str, enum.Enum):
    update = "update"
    session = "session"
    create = "create"
    start = "start"
    accept = "accept"


@app.command()
@guarded
def render(
    path: Annotated[str, typer.Argument(help="The profile (a file, or - for stdin).", metavar="PROFILE")],
    as_: Annotated[
        Envelope | None,
        typer.Option(
            "--as",
            help="update: a session.update event; session: the bare session object; create: the "
            "session-creation request body (GA POST /v1/realtime/client_secrets, beta POST "
            "/v1/realtime/sessions or /transcription_sessions, Live POST /v1/live/sessions with --sdp); "
            "Live only: start (the WebSocket session.start event), accept (the SIP accept body) "
            "[default: update; start for a Live startup profile].",
            show_default=False,
        ),
    ] = None,
    sdp: Annotated[
        str | None,
        typer.Option(
            "--sdp",
            metavar="FILE",
            help="With a Live --as create: the file holding the browser's SDP offer (sent unmodified).",
            show_default=False,
        ),
    ] = None,
    api: Annotated[
        Api | None,
        typer.Option(
            "--api",
            help="Write for this interface (beta profiles to ga; ga to beta where it can be said); a profile "
            "that cannot tell its own dialect (a partial update) is read as it too.",
            show_default=False,
        ),
    ] = None,
    event_id: Annotated[
        str | None,
        typer.Option(
            "--event-id", help="The event_id of the session.update event (at most 512 characters).", show_default=False
        ),
    ] = None,
    expires_in: Annotated[
        int | None,
        typer.Option(
            "--expires-in",
            min=EXPIRES_MIN,
            max=EXPIRES_MAX,
            metavar="SECONDS",
            help=f"With --as create: how long the client secret may create sessions ({EXPIRES_MIN}-{EXPIRES_MAX}).",
            show_default=False,
        ),
    ] = None,
    mid_session: Annotated[
        bool,
        typer.Option(
            "--mid-session",
            help="With --as update: leave out what cannot change once the model has "
            "spoken (the voice) or once enabled (tracing).",
        ),
    ] = False,
    compact: Annotated[bool, typer.Option("--compact", help="One line of JSON instead of indented.")] = False,
    output: Annotated[str | None, output_file("Write to FILE (atomically: all or nothing) instead of stdout.")] = None,
    color: Annotated[Color, typer.Option("--color", help="Colour in messages on stderr.")] = Color.auto,
    root: RootOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Print the exact JSON the API takes for a profile.

    Keys the profile does not set are not sent; an explicit null is sent as null. The model
    is left out of a session.update (it is fixed when the connection opens); what render did
    about the model, the voice and tracing is said on stderr.

    Exit status: 0 rendered, 1 the profile is invalid or cannot be converted (nothing on
    stdout, the reasons on stderr), 2 cannot run as asked.

    Example: rtcfg render profiles/phone-agent-twilio.yaml --as create --expires-in 600
    """
    if event_id is not None and as_ not in (None, Envelope.update, Envelope.start):
        raise RtcfgError("--event-id goes with --as update or --as start")
    if sdp is not None and as_ not in (None, Envelope.create):
        raise RtcfgError("--sdp goes with --as create")
    if event_id is not None and len(event_id) > MAX_EVENT_ID:
        raise RtcfgError(f"--event-id is {len(event_id)} characters; the API takes at most {MAX_EVENT_ID}")
    if expires_in is not None and as_ is not Envelope.create:
        raise RtcfgError("--expires-in goes with --as create")
    if mid_session and as_ not in (None, Envelope.update):
        raise RtcfgError("--mid-session goes with --as update")
    from rtcfg.cli.atomic import same_file

    if output not in (None, "-") and path != "-" and same_file(path, output):
        raise RtcfgError(f"-o {output} is the profile itself: render writes JSON, which would replace it")
    # --api is the dialect to write; a document that cannot tell its own is read as it too
    profile, text, _ = read_one(path, root=root, api=api.value if api else None, config=config, isolated=isolated)
    if not profile.valid or text is None:
        print_diagnostics(profile, color)
        say(f"rtcfg: {profile.name} is not valid; nothing rendered")
        raise typer.Exit(int(ExitCode.FINDINGS))
    from rtcfg.transform import render as rendering

    offer = _read_sdp(sdp) if sdp is not None else None
    if as_ is None:
        # a Live profile renders as the request of its transport; a Realtime one as an update
        by_kind = {
            "sip": Envelope.accept,
            "webrtc": Envelope.create,
            "websocket": Envelope.start,
            "startup": Envelope.start,
        }
        as_ = by_kind.get(profile.kind or "", Envelope.update) if profile.dialect == "live" else Envelope.update
    if sdp is not None and as_ is not Envelope.create:
        raise RtcfgError("--sdp goes with --as create (a Live WebRTC body)")
    result = rendering.render(
        profile,
        envelope=as_.value,
        sdp=offer,
        api=api.value if api else None,
        event_id=event_id,
        expires_in=expires_in,
        mid_session=mid_session,
    )
    if profile.warnings:
        count = len(profile.warnings)
        say(
            f"note: the profile has {count} warning{'s' if count != 1 else ''}; "
            f"`rtcfg validate {profile.name}` shows {'them' if count != 1 else 'it'}"
        )
    if result.diagnostics:
        print_diagnostics(profile, color, profile.place(result.diagnostics))
    if result.payload is None:
        say(f"rtcfg: {profile.name} cannot be rendered for the {result.dialect} interface; nothing rendered")
        raise typer.Exit(int(ExitCode.FINDINGS))
    for note in result.notes:
        say(f"note: {note}")
    from rtcfg.output.escape import json_document

    text = json_document(result.payload, compact=compact)
    emit(text + "\n", output)


def _read_sdp(path: str) -> str:
    """The SDP offer, byte for byte as a text (a trimmed final CRLF earns an HTTP 400)."""
    from rtcfg.load.sources import read_regular

    data = read_regular(path, 1024 * 1024)
    if data is None:
        raise RtcfgError(f"--sdp {path}: not a readable file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise RtcfgError(f"--sdp {path}: not UTF-8 text") from None
    if not text.strip():
        raise RtcfgError(f"--sdp {path}: the file is empty")
    return text


@app.command()
@guarded
def migrate(
    path: Annotated[str, typer.Argument(help="The beta profile (a file, or - for stdin).", metavar="PROFILE")],
    output: Annotated[str | None, output_file("Write the GA profile to FILE (atomically) instead of stdout.")] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help="Rewrite PROFILE itself (atomically).")] = False,
    to: Annotated[
        MigrateTarget,
        typer.Option("--to", help="ga: a beta profile as GA; live: a Realtime profile (GA or beta) as a Live one."),
    ] = MigrateTarget.ga,
    live_model: Annotated[
        str | None,
        typer.Option(
            "--live-model",
            metavar="MODEL",
            help="With --to live: the Live model [default: gpt-live-1.1].",
            show_default=False,
        ),
    ] = None,
    backend_model: Annotated[
        str | None,
        typer.Option(
            "--backend-model",
            metavar="MODEL",
            help="With --to live: the Responses model that gets the tools [default: gpt-5.5].",
            show_default=False,
        ),
    ] = None,
    transport: Annotated[
        str | None,
        typer.Option(
            "--transport",
            metavar="websocket|webrtc|sip",
            help="With --to live: the transport the Live session travels by [default: websocket].",
            show_default=False,
        ),
    ] = None,
    color: Annotated[Color, typer.Option("--color", help="Colour in messages on stderr.")] = Color.auto,
) -> None:
    """Rewrite a beta profile as a GA profile (--to ga, the default), or a Realtime profile as a
    Live one (--to live), as YAML, and list every change on stderr.

    Keeps the profile's shape and its profile keys (description, ignore, ...); settings move
    to their GA places, beta-only settings are dropped with a warning. A GA profile is
    printed unchanged. Comments are not carried over (the original stays as it is unless
    --in-place).

    Exit status: 0 migrated (or already GA), 1 the profile is invalid, 2 cannot run as asked.

    Example: rtcfg migrate profiles/legacy-beta.yaml -o profiles/legacy-ga.yaml
             rtcfg migrate profiles/phone-agent-twilio.yaml --to live -o phone-live.yaml
    """
    if in_place and output is not None:
        raise RtcfgError("--in-place and --output are exclusive")
    if in_place and path == "-":
        raise RtcfgError("--in-place needs a file, not stdin")
    profile, text, is_json = read_one(path, revisions=not in_place)
    if profile.view is not None and profile.view.composed is not None:
        raise RtcfgError(
            f"{profile.name} uses extends, !include or ${{VAR}}; migrate rewrites one file "
            "as written, so migrate its files one by one (bases and included files first)"
        )
    if not profile.valid or text is None:
        print_diagnostics(profile, color)
        say(f"rtcfg: {profile.name} is not valid; fix it before migrating")
        raise typer.Exit(int(ExitCode.FINDINGS))
    from rtcfg.transform import migrate as migrating

    result_name = output if output and output != "-" else None
    if to is MigrateTarget.live:
        if transport not in (None, "websocket", "webrtc", "sip"):
            raise RtcfgError(f"--transport {transport}: expected websocket, webrtc or sip")
        done = migrating.to_live(
            profile,
            text,
            is_json=is_json,
            result_name=result_name,
            live_model=live_model,
            backend_model=backend_model,
            transport=transport,
        )
        impossible = [c for c in done.changes if c.impossible]
        if impossible:
            for change in impossible:
                say(f"error: {change.message}")
            say(f"rtcfg: {profile.name} cannot become a Live profile; nothing written")
            raise typer.Exit(int(ExitCode.FINDINGS))
        if not done.changed:
            say(f"{profile.name} is already a Live profile: nothing to change")
            if not in_place:
                emit(text, output)
            return
    else:
        if live_model or backend_model or transport:
            raise RtcfgError("--live-model, --backend-model and --transport go with --to live")
        done = migrating.migrate(profile, text, is_json=is_json, result_name=result_name)
    if not done.changed:
        say(f"{profile.name} is already a GA profile: nothing to change")
        if not in_place:
            emit(text, output)
        return
    for change in done.changes:
        say(("warning: " if change.lossy else "  ") + change.message)
    if done.comments_dropped:
        say(f"note: {done.comments_dropped} line(s) with comments are not carried over")
    if done.result is not None and done.result.diagnostics:
        say(f"the {'Live' if to is MigrateTarget.live else 'GA'} profile still has warnings:")
        print_diagnostics(done.result, color)
    emit(done.text, path if in_place else output)
