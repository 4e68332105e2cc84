"""Layout of the organisation chart (조직 체계) as plain coordinates for an SVG template."""

from __future__ import annotations

from dataclasses import dataclass

BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 190, 56, 24, 70, 16


@dataclass
class Box:
    body: object
    x: int
    y: int
    depth: int

    @property
    def cx(self) -> int:
        return self.x + BOX_W // 2

    @property
    def bottom(self) -> int:
        return self.y + BOX_H


@dataclass
class Node:
    """One body of the list view with its active children, built from the same rows as the boxes:
    the template walks these instead of `body.children.all` (one query per body)."""

    body: object
    kids: list[Node]


@dataclass
class Chart:
    boxes: list[Box]
    lines: list[tuple[int, int, int, int]]
    width: int
    height: int
    box_w: int = BOX_W
    box_h: int = BOX_H
    roots: list[Node] = None


def org_chart(bodies) -> Chart:
    """Place each body under its parent; leaves share one row per depth, parents centre over children.
    Works on the given rows only (no query per body), so the chart costs one query however many
    bodies there are."""
    bodies = list(bodies)
    children: dict[int | None, list] = {}
    ids = {b.pk for b in bodies}
    for b in bodies:
        parent = b.parent_id if b.parent_id in ids else None
        children.setdefault(parent, []).append(b)
    boxes: dict[int, Box] = {}
    next_x = [MARGIN]

    def place(body, depth) -> Box:
        kids = children.get(body.pk, [])
        y = MARGIN + depth * (BOX_H + GAP_Y)
        if not kids:
            box = Box(body, next_x[0], y, depth)
            next_x[0] += BOX_W + GAP_X
        else:
            placed = [place(k, depth + 1) for k in kids]
            centre = (placed[0].cx + placed[-1].cx) // 2
            box = Box(body, centre - BOX_W // 2, y, depth)
        boxes[body.pk] = box
        return box

    for root in children.get(None, []):
        place(root, 0)
    lines = []
    for b in bodies:
        if b.pk in boxes and b.parent_id in boxes:
            parent, child = boxes[b.parent_id], boxes[b.pk]
            mid = parent.bottom + GAP_Y // 2
            lines += [
                (parent.cx, parent.bottom, parent.cx, mid),
                (parent.cx, mid, child.cx, mid),
                (child.cx, mid, child.cx, child.y),
            ]
    all_boxes = list(boxes.values())
    width = max((b.x + BOX_W for b in all_boxes), default=0) + MARGIN
    height = max((b.bottom for b in all_boxes), default=0) + MARGIN

    def node(body) -> Node:
        return Node(body, [node(k) for k in children.get(body.pk, [])])

    return Chart(all_boxes, lines, width, height, roots=[node(r) for r in children.get(None, [])])
