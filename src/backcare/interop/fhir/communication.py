"""Messages between the person and their care team as Communications, and back.

Each message is one Communication: its text a plain-text attachment (exact, whatever
it holds), its thread's subject the ``topic``, a reply points at
the message before it in its thread (``inResponseTo``), so a reader rebuilds the threads from
the chain. The person's messages name the Patient as sender; a clinician's name them by
display. Who wrote it (person, clinician, the command line) is Backcare's sender-role
extension, so another Backcare gets it back exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from backcare.interop.fhir.assessment import instant
from backcare.interop.fhir.ids import problem, ref
from backcare.interop.fhir.parts import moment
from backcare.interop.fhir.team_codes import SENDER_ROLE_EXTENSION, SENDER_ROLES, TEXT_PLAIN
from backcare.interop.fhir.team_record import Said, Thread
from backcare.interop.fhir.team_text import decoded, encoded, line, text
from backcare.messages.schemas import BODY_MAX

Resource = dict[str, Any]
SUBJECT_MAX = 200
NAME_MAX = 100
PERSON = "person"


def communications(
    threads: tuple[Thread, ...], *, rid: Callable[[int, int], str], subject: Resource
) -> Iterator[Resource]:
    """Every message of every thread; ``rid(thread, message)`` ids one by their places."""
    for number, thread in enumerate(threads):
        previous: str | None = None
        for place, said in enumerate(thread.messages):
            own = rid(number, place)
            yield _communication(said, thread.subject, own, previous, subject)
            previous = own


def _communication(
    said: Said, topic: str, rid: str, previous: str | None, subject: Resource
) -> Resource:
    if said.author_role == PERSON:
        sender: Resource = {**subject, "display": said.author_name}
        recipients: list[Resource] = []
    else:
        sender = {"display": said.author_name}
        recipients = [subject]
    resource: Resource = {
        "resourceType": "Communication",
        "id": rid,
        "extension": [{"url": SENDER_ROLE_EXTENSION, "valueCode": said.author_role}],
        "status": "completed",
        "subject": subject,
        "topic": {"text": topic},
        "sent": instant(said.created_at),
        "sender": sender,
        "payload": [{"contentAttachment": {"contentType": TEXT_PLAIN, "data": encoded(said.body)}}],
    }
    if recipients:
        resource["recipient"] = recipients
    if previous is not None:
        resource["inResponseTo"] = [ref(previous)]
    return resource


@dataclass(frozen=True, slots=True)
class ReadMessage:
    """A Communication read: its message, its thread's subject, the message it answers."""

    url: str
    said: Said
    topic: str
    answers: str | None
    where: str


def read_communication(resource: Resource, url: str, where: str) -> ReadMessage:
    """The message a Communication holds (threads are put together once all are read)."""
    topic = line(
        (resource.get("topic") or {}).get("text"), where, "topic.text", longest=SUBJECT_MAX
    )
    sent = moment(resource, "sent", where)
    if sent is None:
        raise problem(where, "sent", "is missing; Backcare needs when the message was sent.")
    payload = resource.get("payload") or []
    if len(payload) != 1 or "contentAttachment" not in payload[0]:
        raise problem(where, "payload", "must be one contentAttachment: the message's text.")
    attachment = payload[0]["contentAttachment"]
    field = "payload[0].contentAttachment"
    if not str(attachment.get("contentType", "")).startswith("text/plain"):
        raise problem(where, f"{field}.contentType", "must be text/plain.")
    body = text(
        decoded(attachment.get("data"), where, f"{field}.data"),
        where,
        f"{field}.data",
        longest=BODY_MAX,
    )
    role = next(
        (
            e.get("valueCode")
            for e in resource.get("extension") or []
            if e.get("url") == SENDER_ROLE_EXTENSION
        ),
        None,
    )
    if role not in SENDER_ROLES:
        raise problem(
            where,
            "extension[sender-role]",
            f"{role!r} is not one of {', '.join(sorted(SENDER_ROLES))}.",
        )
    name = line(
        (resource.get("sender") or {}).get("display"), where, "sender.display", longest=NAME_MAX
    )
    answers = [r.get("reference") for r in resource.get("inResponseTo") or []]
    if len(answers) > 1:
        raise problem(where, "inResponseTo", "answers more than one message.")
    said = Said(author_name=name, author_role=str(role), body=body, created_at=sent)
    return ReadMessage(url, said, topic, str(answers[0]) if answers else None, where)


def threads_of(messages: list[ReadMessage]) -> list[Thread]:
    """The threads the messages make: each starts with a message that answers none, and a
    reply joins the thread of the message it answers (which must be in the Bundle)."""
    known = {message.url: message for message in messages}
    roots: dict[str, list[ReadMessage]] = {}
    thread_of: dict[str, str] = {}
    for message in messages:
        root = _root(message, known)
        thread_of[message.url] = root
        roots.setdefault(root, [])
    for message in messages:
        roots[thread_of[message.url]].append(message)
    found = []
    for root, group in roots.items():
        subject = known[root].topic
        for message in group:
            if message.topic != subject:
                raise problem(
                    message.where, "topic.text", f"differs from its thread's subject {subject!r}."
                )
        found.append(Thread(subject, tuple(message.said for message in group)))
    return found


def _root(message: ReadMessage, known: dict[str, ReadMessage]) -> str:
    seen = {message.url}
    current = message
    while current.answers is not None:
        answered = known.get(current.answers)
        if answered is None:
            raise problem(
                current.where,
                "inResponseTo",
                f"{current.answers!r} is not a Communication of this Bundle.",
            )
        if answered.url in seen:
            raise problem(current.where, "inResponseTo", "goes round in a circle.")
        seen.add(answered.url)
        current = answered
    return current.url
