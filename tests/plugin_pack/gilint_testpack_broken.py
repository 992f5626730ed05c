"""A pack that cannot be imported."""

raise ImportError("this pack is broken on purpose")
