"""Dependencies as Annotated aliases: the façade of the app (service/knowledge.py) and its settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from service.knowledge import Knowledge
from service.settings import Settings


def get_knowledge(request: Request) -> Knowledge:
    return request.app.state.knowledge


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


KnowledgeDep = Annotated[Knowledge, Depends(get_knowledge)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
