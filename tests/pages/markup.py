"""A tiny HTML reader for the page tests: find elements by tag and attributes, read text."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)

    @property
    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text for c in self.children]
        return " ".join(" ".join(parts).split())

    def find_all(self, tag: str | None = None, **attrs: str) -> list["Node"]:
        """Descendants by tag and attributes: class_ holds classes, True means present."""
        classes = attrs.pop("class_", "").split()
        wanted = {k.replace("_", "-"): v for k, v in attrs.items()}
        return self._find(tag, classes, wanted)

    def _find(self, tag, classes, wanted) -> list["Node"]:
        found = []
        for child in self.children:
            if isinstance(child, str):
                continue
            if (
                (tag is None or child.tag == tag)
                and all(child.has_class(c) for c in classes)
                and all(
                    (child.attrs.get(k) == v) if v is not True else k in child.attrs
                    for k, v in wanted.items()
                )
            ):
                found.append(child)
            found.extend(child._find(tag, classes, wanted))
        return found

    def find(self, tag: str | None = None, **attrs: str) -> "Node":
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data) -> None:
        self.stack[-1].children.append(data)


def parse(response) -> Node:
    builder = _Builder()
    builder.feed(response.content.decode())
    return builder.root


def heatmap(response) -> dict[tuple[str, str], Node]:
    """The heat map's cells by (requirement code, country code)."""
    table = parse(response).find("table", class_="heatmap")
    cells = {}
    for row in table.find_all("tr", data_requirement=True):
        for cell in row.find_all("td"):
            cells[(row.attrs["data-requirement"], cell.attrs["data-country"])] = cell
    return cells
