#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/// BIO_get_mem_data is a macro over BIO_ctrl; Swift cannot import it.
static inline long copenssl_bio_get_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }

/// OPENSSL_free is a macro over CRYPTO_free that passes the caller's file and line.
static inline void copenssl_free(void *pointer) { OPENSSL_free(pointer); }

/// XN_FLAG_RFC2253 is built from nested macros Swift does not import. We also drop ASN1_STRFLGS_ESC_MSB so
/// that names print as UTF-8 (as RFC 2253 allows) rather than as \XX escapes of every non-ASCII byte.
static inline unsigned long copenssl_name_flags_rfc2253_utf8(void) { return XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB; }

/// sk_ASN1_OBJECT_num / _value / _pop_free are type-checking macros; these give Swift plain functions
/// for reading the extendedKeyUsage extension (a STACK_OF(ASN1_OBJECT)).
static inline int copenssl_eku_count(EXTENDED_KEY_USAGE *eku) { return sk_ASN1_OBJECT_num(eku); }
static inline ASN1_OBJECT *copenssl_eku_value(EXTENDED_KEY_USAGE *eku, int index) {
    return sk_ASN1_OBJECT_value(eku, index);
}
static inline void copenssl_eku_free(EXTENDED_KEY_USAGE *eku) { sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free); }

/// SHA-256 below EVP. Deprecated in OpenSSL 3.0 but still part of libcrypto 3: the same assembly as the EVP digest
/// without its per-call dispatch, and a state that is a plain struct copied by assignment where EVP_MD_CTX_copy_ex
/// allocates and frees. Only HKDFSHA256Expander uses them, for matching's millions of derivations.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
static inline int copenssl_sha256_init(SHA256_CTX *context) { return SHA256_Init(context); }
static inline int copenssl_sha256_update(SHA256_CTX *context, const void *data, size_t count) {
    return SHA256_Update(context, data, count);
}
static inline int copenssl_sha256_final(unsigned char *digest, SHA256_CTX *context) {
    return SHA256_Final(digest, context);
}
#pragma clang diagnostic pop

#endif
