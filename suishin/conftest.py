from __future__ import annotations

import pytest
from django.test import Client

from suishin.testing.personas import World, build_world, sign_in


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def client_for(world: World):
    """client_for("officer_a") -> a Client signed in as that persona."""

    def make(name: str) -> Client:
        return sign_in(Client(), world.user(name))

    return make
