"""Text -> facts. `kg.extract.pipeline.extract` runs the stages in pipeline order; each stage is a module
(see the README's table: text, metadata, sentences, dates, organizations, people, roles, agreements and
signings, occasions, events)."""
