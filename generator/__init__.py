"""Story explainer generator: content YAML -> validated story -> Markdown pages."""

__version__ = "0.1.0"
