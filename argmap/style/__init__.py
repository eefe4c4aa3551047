"""How maps look, for pictures and drawn formats alike: colours, shapes and fonts
(:mod:`argmap.style.theme`) and label wrapping by display width (:mod:`argmap.style.wrap`)."""
