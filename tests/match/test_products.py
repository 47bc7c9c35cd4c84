"""The knowledge-by-message products: the same cosines as one matrix product, however many columns and rows."""

from __future__ import annotations

import numpy as np
import pytest

from bot.match.products import BLOCK, Products


@pytest.mark.parametrize("threads", [1, 2, 3])
@pytest.mark.parametrize("columns", [1, 2, 3, 6])
@pytest.mark.parametrize("rows", [5, 2 * BLOCK, 7 * BLOCK + 13])
def test_products_equal_one_matrix_product(threads: int, columns: int, rows: int) -> None:
    rng = np.random.default_rng(rows * 10 + columns)
    matrix = rng.standard_normal((rows, 384)).astype(np.float32)
    queries = rng.standard_normal((columns, 384)).astype(np.float32)
    products = Products(threads)
    try:
        got = products(matrix, queries)
    finally:
        products.close()
    assert got.shape == (rows, columns) and got.dtype == np.float32
    np.testing.assert_allclose(got, matrix @ queries.T, rtol=1e-5, atol=1e-4)


def test_a_transposed_view_of_the_queries_is_read_right() -> None:
    rng = np.random.default_rng(1)
    matrix = rng.standard_normal((3 * BLOCK, 16)).astype(np.float32)
    queries = np.asfortranarray(rng.standard_normal((4, 16)).astype(np.float32))
    products = Products(2)
    try:
        np.testing.assert_allclose(products(matrix, queries), matrix @ queries.T, rtol=1e-5, atol=1e-4)
    finally:
        products.close()
