"""Knowledge shows no panel of its own on the home page yet: articles reach people through
search and the desk's suggestions while they type. This module stays empty so that knowledge
has the file set every app has; a panel is added here with ``core.home.register_panel``."""
