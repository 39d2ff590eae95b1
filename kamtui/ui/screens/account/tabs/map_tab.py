"""Map tab: the drawn contact map (ours left, theirs right, grouped by
function, box-drawing lines for links), its shape `> <` / `< >` with reasons,
and keyboard editing: add, edit, link, unlink, delete (undo), what-if leaving."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from kamtui.dates import display_date
from kamtui.domain.models import Person, PersonInput
from kamtui.formatting import ago
from kamtui.services import people as people_service
from kamtui.services.people import AccountMap
from kamtui.ui import safe
from kamtui.ui.screens.account.tabs.base import AccountTab
from kamtui.ui.screens.account.tabs.map_canvas import MapCanvas
from kamtui.ui.widgets.map_drawing import shape_text
from kamtui.ui.writes import run_write
from kamtui.vocab import DECISION_ROLE, FUNCTION, LAWFUL_BASIS, STANCE


@dataclass
class Undo:
    kind: str  # 'person' | 'link'
    id: int
    label: str


class MapTab(AccountTab):
    DEFAULT_CSS = """
    MapTab {
        height: 1fr;
    }
    MapTab #map-shape {
        height: auto;
        max-height: 4;
        padding: 0 1;
        background: $panel;
    }
    MapTab #map-detail {
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $panel;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "a", "add_person", "Add person", id="map.add", tooltip="Add a person (ours or theirs)"
        ),
        Binding("e", "edit_person", "Edit", id="map.edit", tooltip="Edit the selected person"),
        Binding(
            "l",
            "link",
            "Link",
            id="map.link",
            tooltip="Link the selected person with someone on the other side",
        ),
        Binding(
            "x",
            "unlink",
            "Unlink",
            id="map.unlink",
            tooltip="Remove one of the selected person's links",
        ),
        Binding(
            "d",
            "delete_person",
            "Delete",
            id="map.delete",
            tooltip="Move the selected person to the trash (u undoes)",
        ),
        Binding("u", "undo", "Undo", id="map.undo", tooltip="Undo the last delete or unlink"),
        Binding(
            "w",
            "what_if",
            "What-if leaving",
            id="map.what_if",
            tooltip="Toggle: analyse as if the selected person left (nothing is saved)",
        ),
    ]

    def __init__(self, account_id: int, **kwargs: Any) -> None:
        super().__init__(account_id, **kwargs)
        self.leaving: set[int] = set()
        self.amap: AccountMap | None = None
        self.undo_stack: list[Undo] = []

    def compose_content(self) -> ComposeResult:
        yield Static(Text("Loading the map…", style="dim"), id="map-shape")
        yield MapCanvas(id="map-canvas")
        yield Static("", id="map-detail")

    def shown(self) -> None:
        focused = self.app.focused
        if focused is None or self not in focused.ancestors:
            self.query_one(MapCanvas).focus()
        # Interactions logged elsewhere change links' last contact: the tab
        # reads again when the data changed since it was read (AccountTab.arrive).

    # -- data --------------------------------------------------------------------

    def fetch(self) -> AccountMap:
        return people_service.account_map(
            self.kam.store,
            self.account_id,
            today=self.kam.today,
            config=self.kam.config,
            leaving=frozenset(self.leaving),
        )

    def show(self, data: AccountMap) -> None:
        self.amap = data
        self.query_one("#map-shape", Static).update(safe.text(shape_text(data)))
        self.query_one(MapCanvas).set_map(data)
        self._show_detail()

    @property
    def selected(self) -> Person | None:
        canvas = self.query_one(MapCanvas)
        if self.amap is None or canvas.selected is None:
            return None
        return self.amap.person(canvas.selected)

    @on(MapCanvas.Selected)
    def _selected(self, _event: MapCanvas.Selected) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        self.query_one("#map-detail", Static).update(safe.text(self.detail_text()))

    def detail_text(self) -> Text:
        p, amap = self.selected, self.amap
        if p is None or amap is None:
            return Text("Press a to add the first person.", style="dim")
        t = Text(no_wrap=False)
        t.append(safe.plain(p.name), style="bold")
        bits = [
            safe.plain(p.title) if p.title else "",
            "ours" if p.side == "ours" else "theirs",
            FUNCTION.label(p.function),
            DECISION_ROLE.label(p.decision_role),
            STANCE.label(p.stance),
        ]
        t.append("  " + " · ".join(b for b in bits if b), style="dim")
        contact = [safe.plain(v) for v in (p.email, p.phone) if v]
        if p.verified_at:
            contact.append(f"checked {display_date(p.verified_at)}")
        if contact:
            t.append("  " + " · ".join(contact))
        if p.do_not_contact:
            t.append("\n⚠ Do not contact", style="bold")
        if p.privacy_note or p.lawful_basis:
            t.append("\nPrivacy: ", style="bold")
            basis = f"lawful basis: {LAWFUL_BASIS.label(p.lawful_basis).lower()}"
            t.append(
                " · ".join(
                    x for x in (basis if p.lawful_basis else "", safe.plain(p.privacy_note)) if x
                )
            )
        mine = [lk for lk in amap.links if p.id in (lk.our_id, lk.their_id)]
        if not mine:
            t.append("\nNo links: press l to link with someone on the other side.", style="dim")
        for lk in mine[:6]:
            other = lk.their_id if lk.our_id == p.id else lk.our_id
            when = (
                f"last contact {ago(lk.last_contact.isoformat(), self.kam.today)}"
                if lk.last_contact
                else "no interactions yet"
            )
            state = (
                " · declared, not yet met"
                if lk.declared_not_met
                else ""
                if lk.active
                else " · declared, never met"
                if lk.last_contact is None
                else " · lapsed"
            )
            if lk.from_meetings:
                state += " · from meetings"
            t.append(
                f"\n ↔ {amap.name(other)}  strength {lk.strength} · {when} · {lk.total} together{state}"
            )
        if len(mine) > 6:
            t.append(f"\n … and {len(mine) - 6} more links", style="dim")
        return t

    # -- actions -----------------------------------------------------------------

    def _need_person(self) -> Person | None:
        p = self.selected
        if p is None:
            self.notify("Select a person first (arrow keys), or press a to add one")
        return p

    def action_add_person(self) -> None:
        from kamtui.ui.screens.forms.person_form import PersonFormScreen

        current = self.selected
        side = current.side if current else "theirs"

        def added(pid: int, data: PersonInput) -> None:
            self.query_one(MapCanvas).selected = pid
            self.notify(f"Added {safe.plain(data.name)}", markup=False)
            self.reload()

        def done(data: PersonInput | None) -> None:
            if data is None:
                return
            store, account_id = self.kam.store, self.account_id
            run_write(
                self,
                lambda: people_service.create_person(store, account_id, data),
                done=lambda pid: added(pid, data),
            )

        self.app.push_screen(PersonFormScreen(None, side=side, today=self.kam.today), done)

    def action_edit_person(self) -> None:
        from kamtui.ui.screens.forms.person_form import PersonFormScreen

        p = self._need_person()
        if p is None:
            return

        def done(data: PersonInput | None) -> None:
            if data is None:
                return
            # The form saved it (over the version it loaded).
            self.notify(f"Saved {safe.plain(data.name)}", markup=False)
            self.reload()

        self.app.push_screen(PersonFormScreen(p, today=self.kam.today), done)

    def action_link(self) -> None:
        from kamtui.ui.screens.forms.link_form import LinkFormScreen

        p = self._need_person()
        if p is None or self.amap is None:
            return
        others = [o for o in self.amap.people if o.side != p.side]
        if not others:
            side = "theirs" if p.side == "ours" else "ours"
            self.notify(f"Nobody on {side} side yet: press a to add someone first")
            return
        linked = {
            lk.their_id if p.side == "ours" else lk.our_id: lk.strength
            for lk in self.amap.links
            if p.id in (lk.our_id, lk.their_id)
        }

        def done(result: tuple[int, int] | None) -> None:
            if result is None:
                return
            other, strength = result
            store = self.kam.store

            def linked_done(_: object) -> None:
                self.notify(
                    f"Linked {safe.plain(p.name)} ↔ "
                    f"{self.amap.name(other) if self.amap else other}",
                    markup=False,
                )
                self.reload()

            run_write(
                self,
                lambda: people_service.link_people(store, p.id, other, strength),
                done=linked_done,
            )

        self.app.push_screen(LinkFormScreen(p, others, linked), done)

    def action_unlink(self) -> None:
        from kamtui.ui.screens.forms.link_form import UnlinkScreen

        p = self._need_person()
        if p is None or self.amap is None:
            return
        mine = [lk for lk in self.amap.links if p.id in (lk.our_id, lk.their_id)]
        if not mine:
            self.notify(f"{safe.plain(p.name)} has no links", markup=False)
            return
        amap = self.amap

        def remove(link_id: int | None) -> None:
            if link_id is None:
                return
            lk = next(lk for lk in mine if lk.id == link_id)
            label = f"{amap.name(lk.our_id)} ↔ {amap.name(lk.their_id)}"
            store = self.kam.store

            def unlinked(_: object) -> None:
                self.undo_stack.append(Undo("link", link_id, label))
                self.notify(f"Unlinked {label} — press u to undo", markup=False)
                self.reload()

            run_write(self, lambda: people_service.unlink(store, link_id), done=unlinked)

        if len(mine) == 1:
            remove(mine[0].id)
            return
        choices = [
            (
                lk.id,
                f"{amap.name(lk.their_id if lk.our_id == p.id else lk.our_id)} (strength {lk.strength})",
            )
            for lk in mine
        ]
        self.app.push_screen(UnlinkScreen(safe.plain(p.name), choices), remove)

    def action_delete_person(self) -> None:
        p = self._need_person()
        if p is None:
            return
        store, name = self.kam.store, safe.plain(p.name)

        def deleted(_: object) -> None:
            self.undo_stack.append(Undo("person", p.id, name))
            self.leaving.discard(p.id)
            self.notify(f"Moved {name} to the trash — press u to undo", markup=False)
            self.reload()

        run_write(self, lambda: people_service.delete_person(store, p.id), done=deleted)

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo")
            return
        item = self.undo_stack.pop()
        store = self.kam.store

        def restored(_: object) -> None:
            if item.kind == "person":
                self.query_one(MapCanvas).selected = item.id
                self.notify(f"Restored {item.label}", markup=False)
            else:
                self.notify(f"Restored the link {item.label}", markup=False)
            self.reload()

        restore = (
            people_service.restore_person if item.kind == "person" else people_service.restore_link
        )
        run_write(
            self,
            lambda: restore(store, item.id),
            done=restored,
            failed=lambda _exc: self.undo_stack.append(item),
        )

    def action_what_if(self) -> None:
        p = self._need_person()
        if p is None:
            return
        name = safe.plain(p.name)
        if p.id in self.leaving:
            self.leaving.discard(p.id)
            self.notify(f"What-if: {name} stays", markup=False)
        else:
            self.leaving.add(p.id)
            self.notify(f"What-if: {name} leaves (nothing is saved)", markup=False)
        self.reload()
