"""Text -> facts. `kg.extract.pipeline.extract` runs the stages in pipeline order; each stage is a module."""
