"""The record commands that enter data: a group per kind of record, and its `add` command.

A required value left out is asked for at a terminal (each answer checked by the rules as it is
typed), else a usage error names the options to give. The rules are the library's: a refusal is
printed with the option names of the command (`options.names`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

import click

from ledger import domain
from ledger.cli.app import App, LedgerGroup, Refusal, bytes_of, cli, pass_app
from ledger.cli.options import SOURCES, choices, count_given, missing, names
from ledger.entities import ENTITIES
from ledger.errors import Conflict


def add(app: App, entity: str, raw: dict[str, Any]) -> Any:
    """Add a record; a write the database refused (another writer took the key) names the entity."""
    try:
        return app.ledger().add(entity, raw)
    except Conflict as refused:
        raise Refusal([f"{entity}: {refused}"]) from None


def _interactive() -> bool:
    from ledger import cli as package  # where tests replace it

    return package.interactive()


def ask(
    app: App,
    entity: str,
    values: dict[str, Any],
    wanted: Sequence[tuple[str, Callable[[], Sequence[str]] | None]],
) -> None:
    """Fill required values that were not given: prompt at a terminal, else a usage error.

    `wanted` lists (field, choices to offer or None); each is asked for by its option's name.
    Choices come from the ledger (party codes, round keys, categories) or the vocabulary. Each
    answer is checked as it is typed, by the rules of `add` for that field, and asked again
    until it passes.
    """
    option = names(click.get_current_context())
    absent = [(f, option[f], offered) for f, offered in wanted if values.get(f) in (None, "", ())]
    if not absent:
        return
    if not _interactive():
        raise click.UsageError(missing([name for _, name, _ in absent]))
    for field_name, name, offer in absent:
        offered = list(offer()) if offer else []
        label = name.lstrip("-").replace("-", " ").lower()
        while True:
            try:
                values[field_name] = click.prompt(
                    label,
                    type=click.Choice(offered) if offered else None,
                    value_proc=_answer_check(app, entity, values, field_name, offered),
                )
                break
            except UnicodeDecodeError as error:  # a terminal read as strict UTF-8; shown as click.prompt shows
                click.echo(f"Error: must be UTF-8 text, got {error.object[error.start : error.end]!r}")


def _answer_check(
    app: App, entity: str, values: Mapping[str, Any], field_name: str, offered: Sequence[str]
) -> Callable[[str], str]:
    """What a prompt runs on an answer: one of the choices offered, and nothing the rules refuse
    in this field (a bad answer raises the error the prompt shows before it asks again)."""

    def check(answer: str) -> str:
        try:
            answer.encode("utf-8")
        except UnicodeEncodeError:  # bytes the terminal's reader kept as lone surrogates
            raise click.UsageError(f"must be UTF-8 text, got {bytes_of(answer)!r}") from None
        if offered:
            answer = click.Choice(offered).convert(answer, None, None)
        problems = app.ledger().field_problems(entity, {**values, field_name: answer}, field_name)
        if problems:
            raise click.UsageError("; ".join(problems))
        return answer

    return check


def codes(app: App, entity: str) -> Callable[[], list[str]]:
    return lambda: app.ledger().keys(entity)


def vocabulary(values: Sequence[str]) -> Callable[[], Sequence[str]]:
    return lambda: values


def categories(app: App, *, people: bool) -> Callable[[], list[str]]:
    """The ledger's categories, only those that count people (`people`) or all of them."""
    return lambda: [
        row["code"] for row in app.ledger().rows("category") if row["kind"] in domain.PEOPLE_KINDS or not people
    ]


class Kind(NamedTuple):
    """How the commands of a kind of record name one record, and the keys their help shows."""

    group: click.Group
    argument: str  # the argument naming a record: its key (a party's code, a claim's id)
    shown: str  # the key `show --help` shows
    changed: str  # the key `amend`, `void` and `history --help` show
    amended: str  # the options `amend --help` shows


# The command group of each entity, filled by `entity_group` as the groups below are defined.
KINDS: dict[str, Kind] = {}


def entity_group(entity: str, *, amended: str, shown: str | None = None) -> Callable[[Callable[[], None]], click.Group]:
    """Define `ledger ENTITY`, the group of one entity's commands; its key argument and the key
    its help shows come from the registry (`ledger.entities`), `shown` where `show` differs."""
    described = ENTITIES[entity]

    def define(function: Callable[[], None]) -> click.Group:
        group = cli.group(entity, cls=LedgerGroup)(function)
        example = described.example_key
        KINDS[entity] = Kind(group, described.key_argument, shown or example, example, amended)
        return group

    return define


@entity_group("party", amended="--alias Україна --alias Ukraina")
def party() -> None:
    """States, organisations and groups that negotiate, mediate, host or hand people over."""


@party.command("add")
@click.argument("code", required=False)
@click.option("--name", help="Full name, e.g. Ukraine.")
@click.option("--kind", metavar=choices(domain.PARTY_KINDS), help="Default: state.")
@click.option("--alias", "aliases", multiple=True, help="Another name, in any script (repeatable).")
@pass_app
def party_add(app: App, code: str | None, name: str | None, kind: str | None, aliases: tuple[str, ...]) -> None:
    """Add a party under a short capital code.

    \b
    Example:
      ledger party add UKR --name Ukraine --alias Україна
      ledger party add ICRC --name "International Committee of the Red Cross" --kind organisation
    """
    values = {"code": code, "name": name, "kind": kind, "aliases": list(aliases)}
    ask(app, "party", values, [("code", None), ("name", None)])
    add(app, "party", values)
    click.echo(f"Added party {values['code']}.")


@entity_group("source", amended='--title "Prisoner exchange"', shown="pravda-2025-05-23")
def source() -> None:
    """Where facts come from: news pages, official statements, reports."""


@source.command("add")
@click.argument("key", required=False)
@click.option("--publisher", help="Who published it, e.g. Ukrainska Pravda.")
@click.option("--title", help="Headline or title.")
@click.option("--url", help="Address (http:// or https://).")
@click.option("--published", help="Publication date, YYYY-MM-DD or YYYY-MM.")
@click.option("--language", help="Language code: en, uk, ru, tr…")
@click.option("--kind", metavar=choices(domain.SOURCE_KINDS), help="Default: media.")
@pass_app
def source_add(app: App, key: str | None, **options: str | None) -> None:
    """Add a source that records can cite.

    \b
    Example:
      ledger source add pravda-2025-05-23 --publisher "Ukrainska Pravda" \\
        --url https://www.pravda.com.ua/eng/news/2025/05/23/7513734/ --published 2025-05-23 --language en
    """
    values = {"key": key, **options}
    ask(app, "source", values, [("key", None), ("publisher", None)])
    add(app, "source", values)
    click.echo(f"Added source {values['key']}.")


@entity_group("process", amended='--description "Direct talks hosted by Türkiye"')
def process() -> None:
    """Series of talks, such as the 2025 Istanbul talks."""


@process.command("add")
@click.argument("key", required=False)
@click.option("--name", help="What the talks are called.")
@click.option("--description", help="A sentence or two.")
@pass_app
def process_add(app: App, key: str | None, name: str | None, description: str | None) -> None:
    """Add a process (a series of negotiation rounds).

    \b
    Example:
      ledger process add istanbul-2025 --name "Russia–Ukraine direct talks, Istanbul, 2025"
    """
    values = {"key": key, "name": name, "description": description}
    ask(app, "process", values, [("key", None), ("name", None)])
    add(app, "process", values)
    click.echo(f"Added process {values['key']}.")


@entity_group("round", amended="--end 2025-05-16")
def round_() -> None:
    """Meetings of a process: when, where, who took part and who led each delegation."""


@round_.command("add")
@click.argument("key", required=False)
@click.option("--process", help="The process this round belongs to.")
@click.option("--number", help="Its number within the process (1, 2, 3…).")
@click.option("--start", "start_date", help="First day, YYYY-MM-DD.")
@click.option("--end", "end_date", help="Last day, YYYY-MM-DD (leave out for a one-day round).")
@click.option(
    "--status", metavar=choices(domain.ROUND_STATUSES), help="Default: held if it has a start date, else announced."
)
@click.option("--venue", help="e.g. Dolmabahçe Palace.")
@click.option("--city", help="e.g. Istanbul.")
@click.option("--country", help="e.g. Türkiye.")
@click.option("--party", "parties", multiple=True, metavar="CODE", help="A negotiating party (repeatable).")
@click.option("--mediator", "mediators", multiple=True, metavar="CODE", help="A mediator (repeatable).")
@click.option("--host", "hosts", multiple=True, metavar="CODE", help="The host (repeatable).")
@click.option("--observer", "observers", multiple=True, metavar="CODE", help="An observer (repeatable).")
@click.option(
    "--head", "heads", multiple=True, metavar="CODE=NAME", help="Head of a participant's delegation (repeatable)."
)
@SOURCES
@click.option("--notes", help="Anything else worth keeping.")
@pass_app
def round_add(app: App, key: str | None, **options: Any) -> None:
    """Add a round of a process, with its participants and heads of delegation.

    \b
    Example:
      ledger round add istanbul-2025-r1 --process istanbul-2025 --number 1 --start 2025-05-16 \\
        --venue "Dolmabahçe Palace" --city Istanbul --country Türkiye \\
        --party UKR --party RUS --mediator TUR --host TUR \\
        --head "UKR=Rustem Umerov" --head "RUS=Vladimir Medinsky" --source tass-1959169
    """
    values = {"key": key, **options}
    ask(
        app,
        "round",
        values,
        [("key", None), ("process", codes(app, "process")), ("number", None)],
    )
    add(app, "round", values)
    click.echo(f"Added round {values['key']}.")


@entity_group("term", amended="--each 1200")
def term() -> None:
    """Commitments made in a round, each with one obligation per direction."""


@term.command("add")
@click.argument("key", required=False)
@click.option("--round", "round", metavar="KEY", help="The round that agreed (or proposed) it.")
@click.option("--category", metavar="CODE", help="Who or what is to be handed over (ledger category list).")
@click.option(
    "--each", metavar="QTY", help="The same quantity each way between the round's two parties; a number or all."
)
@click.option(
    "--obligation",
    "obligations",
    multiple=True,
    metavar="FROM:TO:QTY",
    help="One direction: deliverer, receiver, quantity or all (repeatable).",
)
@click.option(
    "--basis",
    metavar=choices(domain.BASES),
    help="exact (default for a number), at-least (a floor), all, or ratio (so many per person --per delivered).",
)
@click.option(
    "--per",
    metavar="TERM",
    help="With --basis ratio: the term whose deliveries the other way the quantity counts per.",
)
@click.option("--min-age", help="Youngest person covered.")
@click.option("--max-age", help="Oldest person covered.")
@click.option("--condition", help="e.g. severely wounded, civilian, military.")
@click.option("--status", metavar=choices(domain.TERM_STATUSES), help="Default: agreed.")
@click.option("--supersedes", metavar="KEY", help="The term of an earlier round that this one replaces.")
@click.option("--deadline", help="By when: YYYY-MM-DD or YYYY-MM, or a time from the round's start (P42D, P6W, PT72H).")
@SOURCES
@click.option("--description", help="The commitment in words.")
@pass_app
def term_add(
    app: App, key: str | None, obligations: tuple[str, ...], basis: str | None, per: str | None, **options: Any
) -> None:
    """Add a term of a round, with its obligations.

    "1,000 for 1,000" is --each 1000; "no fewer than 1,000" adds --basis at-least; "all severely
    wounded" is --each all --condition "severely wounded". A term of category other (a ceasefire
    memorandum, working groups) has no obligations. "30 prisoners per civilian hostage" is a ratio:
    --obligation ISR:HAM:30 --basis ratio --per the hostages' term (its obligation HAM to ISR).

    \b
    Example:
      ledger term add r1-pow-exchange --round istanbul-2025-r1 --category pow --each 1000
      ledger term add r2-bodies --round istanbul-2025-r2 --category bodies \\
        --obligation RUS:UKR:6000 --obligation UKR:RUS:6000
    """
    values = {"key": key, "basis": basis, "per": per, **options}
    interactive_walk = key is None or options.get("round") is None or options.get("category") is None
    ask(
        app,
        "term",
        values,
        [
            ("key", None),
            ("round", codes(app, "round")),
            ("category", categories(app, people=False)),
        ],
    )
    if interactive_walk and _interactive() and values.get("status") is None:
        values["status"] = click.prompt("status", type=click.Choice(domain.TERM_STATUSES), default="agreed")
    values["obligations"] = [obligation(text, basis, per) for text in obligations]
    record = add(app, "term", values)
    count = len(record.obligations)
    obligations = {0: "no obligations", 1: "1 obligation"}.get(count, f"{count} obligations")
    click.echo(f"Added term {values['key']} with {obligations}.")


def obligation(text: str, basis: str | None, per: str | None = None) -> dict[str, str | None]:
    parts = text.split(":")
    if len(parts) != 3:
        raise Refusal([f"--obligation: must be FROM:TO:QTY, such as RUS:UKR:1000 or UKR:RUS:all, got {text!r}"])
    deliverer, receiver, quantity = (part.strip() for part in parts)
    return {"deliverer": deliverer, "receiver": receiver, "quantity": quantity, "basis": basis, "per": per}


@entity_group("transfer", amended="--count 390")
def transfer() -> None:
    """Handovers of people or remains, one direction each."""


@transfer.command("add")
@click.argument("key", required=False)
@click.option("--date", help="YYYY-MM-DD, or YYYY-MM when only the month is known.")
@click.option("--from", "deliverer", metavar="CODE", help="The party handing over.")
@click.option("--to", "receiver", metavar="CODE", help="The party receiving.")
@click.option("--category", metavar="CODE", help="Who was handed over (ledger category list).")
@click.option("--count", help="How many.")
@click.option("--undisclosed", is_flag=True, help="The count was not made public (which is not zero).")
@click.option(
    "--term",
    "terms",
    multiple=True,
    metavar="KEY[:N]",
    help="A term it counts towards, optionally with how many (repeatable, in order).",
)
@click.option("--exchange", metavar="KEY", help="The swap that paired it with the opposite direction.")
@click.option("--via", "intermediaries", multiple=True, metavar="CODE", help="An intermediary (repeatable).")
@click.option("--location", help="Where the handover took place.")
@SOURCES
@click.option("--note", "notes", help="Anything else worth keeping.")
@pass_app
def transfer_add(app: App, key: str | None, count: str | None, undisclosed: bool, **options: Any) -> None:
    """Add a transfer: one handover in one direction.

    Without --term, later reports allocate it to the earliest open matching term.

    \b
    Example:
      ledger transfer add 2025-05-23-rus-ukr-pow --date 2025-05-23 --from RUS --to UKR \\
        --category pow --count 270 --term r1-pow-exchange --exchange 2025-05-23
      ledger transfer add 2025-06-12-rus-ukr-pow --date 2025-06-12 --from RUS --to UKR \\
        --category pow --undisclosed
    """
    values = {"key": key, "count": count_given(count, undisclosed), **options}
    ask(
        app,
        "transfer",
        values,
        [
            ("key", None),
            ("date", None),
            ("deliverer", codes(app, "party")),
            ("receiver", codes(app, "party")),
            ("category", categories(app, people=True)),
            ("count", None),
        ],
    )
    add(app, "transfer", values)
    click.echo(f"Added transfer {values['key']}.")


@entity_group("claim", amended='--claimant "Vladimir Medinsky"')
def claim() -> None:
    """Figures as a given source or speaker stated them, kept where sources disagree."""


@claim.command("add")
@click.option("--subject", metavar="TYPE:KEY", help="round:KEY, term:KEY or transfer:KEY.")
@click.option("--field", help="The field the claim is about, e.g. count, date, quantity, terms.")
@click.option("--value", help="The value as stated.")
@click.option("--source", help="Where it was stated.")
@click.option("--claimant", help="Who stated it, if not the source itself.")
@click.option("--stated-on", help="When it was stated, YYYY-MM-DD or YYYY-MM.")
@click.option("--quote", help="A short quotation.")
@pass_app
def claim_add(app: App, **options: Any) -> None:
    """Add a claim about a round, term or transfer.

    \b
    Example:
      ledger claim add --subject transfer:2025-07-23-rus-ukr-pow --field count --value 250 \\
        --source pravda-2025-07-23 --claimant "Vladimir Medinsky"
    """
    values = dict(options)
    ask(
        app,
        "claim",
        values,
        [
            ("subject", None),
            ("field", None),
            ("value", None),
            ("source", codes(app, "source")),
        ],
    )
    add(app, "claim", values)
    click.echo(f"Added a claim on {values['subject']} {values['field']}.")


@entity_group("assertion", amended="--expected 6057", shown="bodies-to-ukr-2025-06-16")
def assertion() -> None:
    """Published running totals, to be checked against the ledger."""


@assertion.command("add")
@click.argument("key", required=False)
@click.option("--as-of", help="The date the total runs to, YYYY-MM-DD.")
@click.option("--from", "deliverer", metavar="CODE", help="The party handing over.")
@click.option("--to", "receiver", metavar="CODE", help="The party receiving.")
@click.option("--category", metavar="CODE", help="Who was handed over (ledger category list).")
@click.option("--expected", help="The published total.")
@click.option("--scope", metavar="TYPE:KEY", help="term:KEY, round:KEY or process:KEY (default: everything).")
@click.option("--source", help="Where the total was published.")
@pass_app
def assertion_add(app: App, key: str | None, **options: Any) -> None:
    """Add an assertion: a total someone published, as of a date.

    \b
    Example:
      ledger assertion add bodies-to-ukr-2025-06-16 --as-of 2025-06-16 --from RUS --to UKR \\
        --category bodies --expected 6057 --scope process:istanbul-2025 --source pravda-2025-06-16
    """
    values = {"key": key, **options}
    ask(
        app,
        "assertion",
        values,
        [
            ("key", None),
            ("as_of", None),
            ("deliverer", codes(app, "party")),
            ("receiver", codes(app, "party")),
            ("category", categories(app, people=True)),
            ("expected", None),
        ],
    )
    add(app, "assertion", values)
    click.echo(f"Added assertion {values['key']}.")
