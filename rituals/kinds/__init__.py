"""The rituals module's activity kinds, registered with the core's kind registry
(workshops/kinds) from ``RitualsConfig.ready()``."""
