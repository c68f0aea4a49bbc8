"""Routes and de-escalations now live in the domain (``backcare.domain.knowledge.routing``);
re-exported here so older imports keep working."""

from backcare.domain.knowledge.routing import CompiledDeEscalation as CompiledDeEscalation
from backcare.domain.knowledge.routing import CompiledRoute as CompiledRoute
from backcare.domain.knowledge.routing import Part as Part
from backcare.domain.knowledge.routing import RoutingError as RoutingError
from backcare.domain.knowledge.routing import instruction as instruction
from backcare.domain.knowledge.routing import load_de_escalations as load_de_escalations
from backcare.domain.knowledge.routing import load_routes as load_routes
