"""The solver: what stands after each row label -> cells with a status, identities judged.

A *segment* is the characters one printed row (or table 4's single row of 15) left after its label,
as value groups (``tokens.Group``), and the cells it fills. The solver, in order of certainty:

1. reads every way the groups can be cut into the segment's cells, cutting only inside runs of digits
   and never before a leading zero ("0012" into 3 cells is 0, 0, 12 and nothing else);
2. where several readings remain, keeps those under which most identities inside the segment hold
   (T3-C for a row of table 3, T4-A for each group of table 4's row of 15); when none lets them all
   hold, the segment is marked ``no_fit`` (the report's arithmetic is wrong under every reading);
3. where several remain still, searches the combinations of the ambiguous segments under which the
   identities across segments hold (T3-A, T3-B per column), pruning by interval bounds;
4. places a cell when every reading left agrees on it: ``read`` when the characters alone decide,
   ``inferred`` when an identity had to; otherwise it is ``unplaced``;
5. judges every identity instance of the table on the placed cells: ``holds``, ``fails`` (the
   report's own arithmetic), ``unjudged`` (a member blank, unplaced or missing).

It reads no stream and knows no label: only groups, cell ids and the identities of ``formats.tables``;
it builds each cell once, as the ``model.Cell`` the table keeps, which holds the stream to find its span.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter, itemgetter

from gilint.formats.tables import CellRef, Identity, TableFormat
from gilint.model import Cell, Check, CheckStatus, Stream
from gilint.structure.tokens import Group, parse_value

Value = int | float | None
Part = tuple[Value, int, int, str, bool]  # value, start, end (stream offsets), printed, several values
Reading = tuple[Part, ...]
MAX_READINGS = 2_000  # per segment: more ways to cut than this is "ambiguous"
MAX_SOLUTIONS = 64
MAX_STEPS = 20_000
_DIGIT = {str(d): d for d in range(10)}  # int() of one ASCII digit, looked up
_VALUE = attrgetter("value")
_FIRST = itemgetter(0)  # a part's value
_ONE: list[Reading] = [()]  # the readings of a segment placed at once (``_at_once``): one, never looked into


@dataclass(slots=True)
class Segment:
    """A row's run of values to place into its cells."""

    refs: tuple[CellRef, ...]  # the cells it fills, in printed order
    groups: list[Group]
    at: int = 0  # where it starts (just after its label): what a row without values points at

    @property
    def markup(self) -> bool:
        """Every group is a whole markup cell (asked once or twice per segment: not worth caching)."""
        return bool(self.groups) and all(g.cell for g in self.groups)


@dataclass(slots=True)
class Outcome:
    """Per segment: its cells, and what the table rules may want to know about it."""

    cells: list[Cell] = field(default_factory=list)  # in the order of the segment's refs
    cut: bool = False  # some reading cuts inside a run of digits (values ran together)
    no_fit: str = ""  # the identity every reading breaks, when several readings broke it
    unplaced: str = ""  # why its unplaced cells are (the same for all of them); "" when every cell is placed
    inferred: bool = False  # some cell is inferred


@dataclass
class Solution:
    """The segments as placed, and the identity checks they took part in."""

    segments: list[Outcome]
    checks: list[Check]


def readings(groups: list[Group], n: int, cap: int = MAX_READINGS) -> list[Reading] | None:
    """Every way to cut ``groups`` into ``n`` values (None: more than ``cap`` ways). A group is cut only
    inside its run of digits (a sign stays with the first value, a fraction with the last), never
    before a leading zero, and a markup cell only when it is the row's one group."""
    if not groups:
        return []
    if len(groups) == n:  # one value per group: nothing to cut (the common case, made cheap)
        return [tuple([(None if g.several else parse_value(g.text), g.start, g.end, g.raw, g.several) for g in groups])]
    bodies = [g.body if not g.cell or len(groups) == 1 else (0, 0) for g in groups]
    most = [0] * (len(groups) + 1)  # the most values groups[i:] can hold
    for i in range(len(groups) - 1, -1, -1):
        most[i] = most[i + 1] + max(bodies[i][1] - bodies[i][0], 1)
    if most[0] == n:  # as many digits as cells: one value per digit, the only reading
        return [_digit_parts(groups, bodies)]
    if n < len(groups) or n > most[0]:
        return []
    if len(groups) == 1 and n > 1 and groups[0].text.isdigit() and groups[0].text.isascii():
        return _run_cuts(groups[0], n, cap)  # one run of digits (most rows that need cutting): the same, cheaper
    return _walk(groups, n, cap, bodies, most)


def _walk(
    groups: list[Group], n: int, cap: int, bodies: list[tuple[int, int]], most: list[int]
) -> list[Reading] | None:
    """``readings`` in general: every way the values can be cut from ``groups`` (``bodies``: each one's run
    of digits; ``most``: the most values ``groups[i:]`` can hold; they hold ``n``)."""
    out: list[Reading] = []
    parts: list[Part] = []
    count = len(groups)
    # what may follow a value depends only on where the next one starts and how many came before: the
    # values that may come next there (each with where the rest starts) are worked out once, for every
    # prefix of cuts that reaches it
    nexts: dict[tuple[int, int, int], list[tuple[Part, int, int]]] = {}

    def step(gi: int, off: int, k: int) -> list[tuple[Part, int, int]]:
        """The values that may start at digit ``off`` of group ``gi`` after ``k`` values, in the order
        they are tried, each with the group and digit the next value starts at."""
        g = groups[gi]
        lo, hi = bodies[gi]
        if hi - lo < 2:
            return [((None if g.several else parse_value(g.text), g.start, g.end, g.raw, g.several), gi + 1, 0)]
        rest = n - k - 1  # values after this one
        after = count - gi - 1  # groups after this one: a value each at least
        a = off or lo  # the digit this value starts with
        # a cut inside the group leaves a value (or more) in it; to the group's end leaves the rest to later groups
        last = min(hi - 1, hi - rest + most[gi + 1]) if rest > after else a
        ends = list(range(a + 1, last + 1)) if rest > after else []
        if after <= rest <= most[gi + 1]:
            ends.append(hi)
        if g.text[a] == "0" and a + 1 < hi:  # never before a leading zero: "0" is a value of its own
            ends = [e for e in ends if e == a + 1]
        moves = []
        for e in ends:
            i, j = (0 if off == 0 else a), (len(g.text) if e == hi else e)
            plain = i == a and j == e  # no sign before, no fraction or unit after
            part = (
                int(g.text[i:j]) if plain else parse_value(g.text[i:j]),
                g.start + i,
                g.start + j,
                g.raw[i:j],
                False,
            )
            moves.append((part, gi + 1, 0) if e == hi else (part, gi, e))
        return moves

    def walk(gi: int, off: int) -> bool:
        # entered only where the values left fit: at least one per group left, at most one per digit
        if gi == count:
            out.append(tuple(parts))
            return len(out) <= cap
        state = (gi, off, len(parts))
        moves = nexts.get(state)
        if moves is None:
            moves = nexts[state] = step(*state)
        for part, next_gi, next_off in moves:
            parts.append(part)
            ok = walk(next_gi, next_off)
            parts.pop()
            if not ok:
                return False
        return True

    return out if walk(0, 0) else None


def _run_cuts(g: Group, n: int, cap: int) -> list[Reading] | None:
    """``readings`` of one group of ASCII digits only into ``n`` values, 1 < n < its digits: the same ways
    in the same order (each value's ends from the shortest), walked over digit offsets alone."""
    text, raw, start, size = g.text, g.raw, g.start, len(g.text)
    out: list[Reading] = []
    parts: list[Part] = []
    made: dict[int, Part] = {}  # each value made once, by where it starts and ends (a * size + e)

    def part(a: int, e: int) -> Part:
        p = made.get(a * size + e)
        if p is None:
            p = made[a * size + e] = (int(text[a:e]), start + a, start + e, raw[a:e], False)
        return p

    def walk(a: int, rest: int) -> bool:
        """The values from digit ``a`` on, ``rest`` more after the one that starts there (one at least)."""
        last = size - rest  # the furthest this value may end: a digit for each value after it
        if text[a] == "0" and last > a + 1:
            last = a + 1  # never before a leading zero: "0" is a value of its own
        if rest == 1:  # the next value is the last: it takes the digits left, unless it would begin with a zero
            for e in range(a + 1, last + 1):
                if text[e] != "0" or e + 1 == size:
                    out.append((*parts, part(a, e), part(e, size)))
                    if len(out) > cap:
                        return False
            return True
        for e in range(a + 1, last + 1):
            parts.append(part(a, e))
            ok = walk(e, rest - 1)
            parts.pop()
            if not ok:
                return False
        return True

    return out if walk(0, n - 1) else None


def _digit_parts(groups: list[Group], bodies: list[tuple[int, int]]) -> Reading:
    """Every digit its own value (a sign on the first of a group, a fraction on its last)."""
    parts: list[Part] = []
    for g, (lo, hi) in zip(groups, bodies, strict=True):
        if hi - lo < 2:
            parts.append((None if g.several else parse_value(g.text), g.start, g.end, g.raw, g.several))
            continue
        text, raw, start, size = g.text, g.raw, g.start, len(g.text)
        if lo == 0 and hi == size and text.isascii():  # digits only (the common case): a digit is a value
            parts.extend([(_DIGIT[d], start + k, start + k + 1, raw[k : k + 1], False) for k, d in enumerate(text)])
            continue
        for k in range(lo, hi):
            i, j = (0 if k == lo else k), (size if k == hi - 1 else k + 1)
            piece = text[i:j]
            parts.append((int(piece) if j - i == 1 else parse_value(piece), start + i, start + j, raw[i:j], False))
    return tuple(parts)


def _sums(identity: Identity, values: dict[CellRef, Value]) -> tuple[Value, Value] | None:
    """Both sides' sums, or None when a member has no value."""
    get = values.get
    left: int | float = 0  # added in member order, as sum() adds
    for r in identity.left:
        v = get(r)
        if v is None:
            return None
        left += v
    right: int | float = 0
    for r in identity.right:
        v = get(r)
        if v is None:
            return None
        right += v
    return left, right


def _holds_at(left: list[int], right: list[int], reading: Reading) -> bool:
    """An identity over one reading by its members' places: true unless every member has a value and the
    sides' sums (as ``_sums`` adds them) differ."""
    sums: list[int | float] = []
    for side in (left, right):
        total: int | float = 0
        for k in side:
            v = reading[k][0]
            if v is None:
                return True
            total += v
        sums.append(total)
    return sums[0] == sums[1]


def solve(fmt: TableFormat, segments: list[Segment], stream: Stream) -> Solution:
    """Every segment's cells and the table's identity checks (``stream`` is the one the groups' offsets are
    in: each cell keeps it to find its span when asked)."""
    outcomes: list[Outcome] = []
    cands: list[list[Reading] | None] = []
    ambiguous: list[int] = []  # steps 2 and 3 choose between readings: in most tables no segment needs it
    for i, s in enumerate(segments):
        out = Outcome()
        outcomes.append(out)
        # a segment whose one reading is plain to see is placed at once, without reading every way to cut it
        if _at_once(s, out, stream):
            cands.append(_ONE)
            continue
        cs = readings(s.groups, len(s.refs))
        cands.append(cs)
        if cs is not None and len(cs) > 1:
            ambiguous.append(i)
    if not ambiguous:
        return Solution(outcomes, _checks(fmt, _placed(segments, cands, cands, cands, outcomes, stream), set(), set()))
    raw_cands = list(cands)
    used: set[str] = set()
    owner: dict[CellRef, int] = {}
    for i, s in enumerate(segments):
        owner.update(zip(s.refs, repeat(i)))
    # each identity with the segments its members are in (None for a member in none)
    spread = [(idn, set(map(owner.get, idn.members))) for idn in fmt.identities]
    inner_of = _inner(spread)
    # 2. identities inside one segment: keep the readings under which most of them hold
    for i in ambiguous:
        seg, cs = segments[i], cands[i]
        assert cs is not None
        inner = inner_of.get(i)
        if not inner:
            continue
        where = {r: k for k, r in enumerate(seg.refs)}  # each member's place in the segment's values
        sides = [([where[r] for r in idn.left], [where[r] for r in idn.right]) for idn in inner]
        held = [sum([_holds_at(left, right, c) for left, right in sides]) for c in cs]
        best = max(held)
        fit = [c for c, h in zip(cs, held, strict=True) if h == best]
        if best and len(fit) < len(cs):
            used.update(idn.id for idn in inner)
            cands[i] = fit
        if best < len(inner):
            outcomes[i].no_fit = inner[0].family
    # 3. identities across segments
    chosen = _search(segments, cands, spread, _fixed(segments, cands, outcomes))
    if chosen is not None:
        used.update(chosen[1])
    final = [chosen[0][i] if chosen is not None and i in chosen[0] else cs for i, cs in enumerate(cands)]
    values = _placed(segments, raw_cands, cands, final, outcomes, stream)
    inferred = (  # (no identity used to choose a reading: no cell is inferred, none need be looked for)
        {
            r
            for seg, o in zip(segments, outcomes, strict=True)
            if o.inferred
            for r, c in zip(seg.refs, o.cells, strict=True)
            if c.status == "inferred"
        }
        if used
        else set()
    )
    return Solution(outcomes, _checks(fmt, values, used, inferred))


def _placed(
    segments: list[Segment],
    raw: list[list[Reading] | None],
    filtered: list[list[Reading] | None],
    final: list[list[Reading] | None],
    outcomes: list[Outcome],
    stream: Stream,
) -> dict[CellRef, Value]:
    """4. placement: every segment not placed at once placed from its readings (``raw`` as read, ``filtered``
    by the identities inside it, ``final`` by those across segments); the placed cells' values by ref."""
    values: dict[CellRef, Value] = {}
    for i, (seg, out, cs) in enumerate(zip(segments, outcomes, raw, strict=True)):
        if cs is not _ONE:
            _place(seg, cs, filtered[i], final[i], out, stream)
            if out.unplaced:
                values.update((r, c.value) for r, c in zip(seg.refs, out.cells, strict=True) if c.status != "unplaced")
                continue
            out.no_fit = ""  # the identities across rows decided it: the checks tell the rest
        values.update(zip(seg.refs, map(_VALUE, out.cells), strict=True))
    return values


def _checks(fmt: TableFormat, values: dict[CellRef, Value], used: set[str], inferred: set[CellRef]) -> list[Check]:
    """5. every identity of the table judged on the placed cells' ``values`` (``used`` to choose readings, with
    the ``inferred`` cells)."""
    checks = []
    for idn in fmt.identities:
        sums = _sums(idn, values)  # None too when a member's row is missing
        if sums is None:
            checks.append(Check(idn, "unjudged"))
        else:
            left, right = sums
            status: CheckStatus = "holds" if left == right else "fails"
            checks.append(Check(idn, status, left, right, idn.id in used and any(r in inferred for r in idn.members)))
    return checks


def _at_once(seg: Segment, out: Outcome, stream: Stream) -> bool:
    """Place a segment whose only reading needs no search (True when placed): one value per group, or
    text groups of ASCII digits only with as many digits as cells, one value per digit. Its cells are
    those ``readings`` and ``_place`` give it."""
    groups, n = seg.groups, len(seg.refs)
    if not groups:
        return False
    if len(groups) == n:
        how = "cell" if all([g.cell for g in groups]) else "separated"
        out.cells = [
            Cell(None, g.raw, stream, g.start, g.end, "read", "several")
            if g.several
            else Cell(parse_value(g.text), g.raw, stream, g.start, g.end, "read", how)
            for g in groups
        ]
        return True
    if len(groups) == 1:  # one run (most rows of a flattened table): its digits as many as the cells
        g = groups[0]
        if len(g.text) != n or g.cell or g.several or not (g.text.isdigit() and g.text.isascii()):
            return False
    elif sum([len(g.text) for g in groups]) != n or not all(
        [not g.cell and not g.several and g.text.isdigit() and g.text.isascii() for g in groups]
    ):
        return False
    out.cut = True
    cells = out.cells
    for g in groups:
        # a cell for each digit: its value, its printed character (none past the end of ``raw``), its offsets
        text, raw, start, size = g.text, g.raw, g.start, len(g.text)
        printed = raw if len(raw) == size else [*raw[:size], *[""] * (size - len(raw))]
        cells += [
            Cell(_DIGIT[d], p, stream, k, k + 1, "read", "digits")
            for k, d, p in zip(range(start, start + size), text, printed, strict=True)
        ]
    return True


def _fixed(segments: list[Segment], cands: list[list[Reading] | None], outcomes: list[Outcome]) -> dict[CellRef, Value]:
    """The values of the segments with one reading."""
    fixed: dict[CellRef, Value] = {}
    for seg, c, out in zip(segments, cands, outcomes, strict=True):
        if c is _ONE:
            fixed.update(zip(seg.refs, map(_VALUE, out.cells), strict=True))
        elif c is not None and len(c) == 1:
            fixed.update(zip(seg.refs, map(_FIRST, c[0]), strict=True))
    return fixed


def _inner(spread: list[tuple[Identity, set[int | None]]]) -> dict[int, list[Identity]]:
    """The identities each segment holds every member of, in the format's order (by segment index)."""
    inner: dict[int, list[Identity]] = {}
    for idn, segments in spread:
        if len(segments) == 1:
            (i,) = segments
            if i is not None:
                inner.setdefault(i, []).append(idn)
    return inner


def _search(
    segments: list[Segment],
    cands: list[list[Reading] | None],
    spread: list[tuple[Identity, set[int | None]]],
    fixed: dict[CellRef, Value],
) -> tuple[dict[int, list[Reading]], set[str]] | None:
    """The readings of the still ambiguous segments that appear in some combination under which every
    identity across segments holds; None when there is nothing to decide or no combination fits.
    ``spread``: each identity with the segments its members are in (None for a member in none)."""
    open_ = sorted((i for i, c in enumerate(cands) if c is not None and len(c) > 1), key=lambda i: len(cands[i] or ()))
    if not open_:
        return None
    searched = set(open_)
    # the identities over several segments, every member in one, some in a segment searched
    across = [(idn, segs) for idn, segs in spread if segs & searched and None not in segs and len(segs) > 1]
    if not across:
        return None
    cross = [idn for idn, _ in across]
    pos = {i: k for k, i in enumerate(open_)}
    # for each open segment: the identities to check once it is assigned, and each cell's value range
    watch = {i: [idn for idn, segs in across if i in segs] for i in open_}
    bounds: dict[CellRef, tuple[float, float]] = {}
    for i in open_:
        for k, ref in enumerate(segments[i].refs):
            vals: list[float] = [v for c in cands[i] or () if (v := c[k][0]) is not None]
            bounds[ref] = (min(vals), max(vals)) if len(vals) == len(cands[i] or ()) else (float("nan"),) * 2
    assign: dict[CellRef, Value] = dict(fixed)
    picks: list[Reading] = []
    solutions: list[list[Reading]] = []
    steps = 0

    def feasible(idn: Identity) -> bool:
        lo, hi = [0.0, 0.0], [0.0, 0.0]
        for side, refs in enumerate((idn.left, idn.right)):
            for r in refs:
                if r in assign:
                    v = assign[r]
                    if v is None:
                        return True  # a blank: the identity cannot be judged
                    lo[side] += v
                    hi[side] += v
                else:
                    b = bounds.get(r)
                    if b is None or b[0] != b[0]:
                        return True  # a member outside the search or with a blank: cannot prune
                    lo[side] += b[0]
                    hi[side] += b[1]
        return lo[0] <= hi[1] and lo[1] <= hi[0]

    def walk(k: int) -> bool:
        nonlocal steps
        if k == len(open_):
            solutions.append(list(picks))
            return len(solutions) < MAX_SOLUTIONS
        i = open_[k]
        for c in cands[i] or ():
            steps += 1
            if steps > MAX_STEPS:
                return False
            assign.update(zip(segments[i].refs, (p[0] for p in c), strict=True))
            if all(feasible(idn) for idn in watch[i]):
                picks.append(c)
                ok = walk(k + 1)
                picks.pop()
                if not ok:
                    return False
            for ref in segments[i].refs:
                assign.pop(ref, None)
        return True

    complete = walk(0)
    if not complete or not solutions:
        return None  # too many combinations to tell, or none fits: no cell is inferred from them
    kept = {i: list(dict.fromkeys(sol[pos[i]] for sol in solutions)) for i in open_}
    if all(len(kept[i]) == len(cands[i] or ()) for i in open_):
        return None
    return kept, {idn.id for idn in cross}


def _agreed(cs: list[Reading]) -> list[bool]:
    """For each cell: every reading gives it the same value (from whichever characters); ``zip`` gives each
    cell's parts, reading by reading."""
    return [len(set(map(_FIRST, parts))) == 1 for parts in zip(*cs, strict=True)]


def _place(
    seg: Segment,
    raw: list[Reading] | None,
    filtered: list[Reading] | None,
    final: list[Reading] | None,
    out: Outcome,
    stream: Stream,
) -> None:
    if raw is None or not raw:
        how = "too-many" if raw is None else ("no-values" if not seg.groups else "no-reading")
        a = seg.groups[0].start if seg.groups else 0
        b = seg.groups[-1].end if seg.groups else 0
        text = "".join(g.raw for g in seg.groups)
        out.cells = [Cell(None, text, stream, a, b, "unplaced", how) for _ in seg.refs]
        out.unplaced = how
        return
    if len(raw) == 1:  # one reading: every cell is read
        out.cut = len(raw[0]) > len(seg.groups)
        if not out.cut:
            how = "cell" if seg.markup else "separated"
        else:
            digits = sum(max(hi - lo, 1) for lo, hi in (g.body for g in seg.groups))
            how = "digits" if len(raw[0]) == digits else "split"
        out.cells = [
            Cell(value, printed, stream, a, b, "read", "several" if several else how)
            for value, a, b, printed, several in raw[0]
        ]
        return
    out.cut = any(len(c) > len(seg.groups) for c in raw)
    how = "split"
    cells = out.cells
    by_raw = _agreed(raw)
    by_final = _agreed(final) if final and not all(by_raw) else []
    by_filtered = _agreed(filtered) if filtered and any(by_final) else []
    for k in range(len(seg.refs)):
        part = (final or raw)[0][k]
        if by_raw[k]:
            cells.append(Cell(part[0], part[3], stream, part[1], part[2], "read", "several" if part[4] else how))
        elif final and by_final[k]:
            by = "row-identity" if filtered and by_filtered[k] else "identities"
            cells.append(Cell(part[0], part[3], stream, part[1], part[2], "inferred", by))
            out.inferred = True
        else:
            text = "".join(g.raw for g in seg.groups)
            cells.append(Cell(None, text, stream, seg.groups[0].start, seg.groups[-1].end, "unplaced", "ambiguous"))
            out.unplaced = "ambiguous"
