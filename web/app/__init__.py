"""Python side of the page (the glue between the engine and the DOM), one module per view."""
