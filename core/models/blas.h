#pragma once
// The few BLAS/LAPACK routines the models use, declared by their Fortran symbols (OpenBLAS
// provides both; core links ${BLAS_LIBRARIES} ${LAPACK_LIBRARIES}). Declared here rather than via
// cblas.h/lapacke.h because Debian ships several cblas.h variants and LAPACKE is a separate
// library; the Fortran ABI is the one thing every provider has.
// Fortran conventions: column-major, every argument by pointer, 32-bit integers (LP64 builds).
// A row-major symmetric matrix is its own column-major transpose, so "U" in Fortran terms is the
// lower triangle in row-major terms.
#include <cstdint>

extern "C" {
void sgemm_(const char* transa, const char* transb, const int* m, const int* n, const int* k, const float* alpha,
            const float* a, const int* lda, const float* b, const int* ldb, const float* beta, float* c,
            const int* ldc);
void spotrf_(const char* uplo, const int* n, float* a, const int* lda, int* info);
void spotri_(const char* uplo, const int* n, float* a, const int* lda, int* info);
}

namespace rs::models::blas {

// C (m × n) = alpha * A (m × k) * B (k × n) + beta * C, all row-major and densely packed.
inline void gemmRowMajor(int m, int n, int k, float alpha, const float* a, const float* b, float beta, float* c) {
    // Row-major C = A·B is column-major Cᵀ = Bᵀ·Aᵀ: swap the operands, no transposes needed.
    const char no = 'N';
    sgemm_(&no, &no, &n, &m, &k, &alpha, b, &n, a, &k, &beta, c, &n);
}

// C (m × n) = alpha * A (m × k) * Bᵀ + beta * C, with B given as n × k; all row-major, packed.
inline void gemmRowMajorBt(int m, int n, int k, float alpha, const float* a, const float* b, float beta, float* c) {
    // Column-major view: Cᵀ = B·Aᵀ, where the row-major n × k B reads as its transpose.
    const char t = 'T', no = 'N';
    sgemm_(&t, &no, &n, &m, &k, &alpha, b, &k, a, &k, &beta, c, &n);
}

}  // namespace rs::models::blas
