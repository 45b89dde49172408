"""The Python API: extract facts from one article or many.

    >>> import marsad
    >>> doc = marsad.extract("التقى الرئيس ...", published="2023-09-28")
    >>> doc.to_json()["entities"]

The default pipeline is built once per process, on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from .document import Document
from .pipeline import Pipeline, default_pipeline


def extract(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    id: str | None = None,
    source: str | None = None,
    url: str | None = None,
    stages: Sequence[str] | None = None,
) -> Document:
    """Run the pipeline over one article's text and return the annotated Document."""
    doc = Document(
        text=text, id=id or "", title=title, published=published,
        published_from="cli" if published else None, source=source, url=url,
    )
    return extract_document(doc, pipeline=default_pipeline(stages))


def extract_document(doc: Document, *, pipeline: Pipeline | None = None) -> Document:
    """Run the pipeline over a Document. Nothing happens here that the pipeline does not
    do: the publication date of a document without one comes from the ``dateline`` stage,
    so ``extract(text)`` and ``Pipeline().run(Document(text))`` give the same document."""
    return (pipeline or default_pipeline()).run(doc)


def extract_documents(
    docs: Iterable[Document], *, pipeline: Pipeline | None = None
) -> Iterator[Document]:
    pipe = pipeline or default_pipeline()
    for doc in docs:
        yield extract_document(doc, pipeline=pipe)
