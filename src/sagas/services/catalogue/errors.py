"""Typed catalogue failures; the API maps them to 404/409/422 and nothing is written.

Every catalogue read and write runs in the caller's session and transaction (the caller
commits), so a checkout can load its products and price its cart in the same transaction
that takes a discount use.
"""

from __future__ import annotations

from sagas.services.errors import ServiceError


class CatalogueError(ServiceError):
    """A catalogue request that cannot be honoured; ``code`` is stable for API clients."""

    code = "catalogue_error"


class ProductNotFound(CatalogueError):
    status, code = 404, "not_found"


class UnknownCategory(CatalogueError):
    code = "unknown_category"


class UnknownProduct(CatalogueError):
    code = "unknown_product"


class InactiveProduct(CatalogueError):
    code = "product_inactive"


class UnpriceableCart(CatalogueError):
    """Empty cart, quantity < 1 or mixed currencies (``details['reason']`` says which)."""

    code = "invalid_cart"


class DuplicateDiscountCode(CatalogueError):
    status, code = 409, "duplicate_code"


class AmountNotChargeable(CatalogueError):
    """A price or fixed discount no PSP could charge (a KWD price not ending in 0)."""

    code = "amount_not_chargeable"
