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

#endif
