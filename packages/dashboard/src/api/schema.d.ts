// Generated from the server's OpenAPI document by scripts/api-types.mjs; do not edit.
export interface paths {
    "/api/v1/admin-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Every admin token, revoked ones included; hints only, never the secrets. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: string;
                            expiresAt: string | null;
                            /** @description The token's prefix and last four characters; the token itself is shown once, at creation */
                            hint: string;
                            id: number;
                            kind: "instance" | "service" | "personal";
                            lastUsedAt: string | null;
                            name: string;
                            revokedAt: string | null;
                            role: string | null;
                            scope: string;
                            workspace: string | null;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** @description Creates a token; the response is the only place its secret is shown. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description When the token stops working
                         */
                        expiresAt?: string;
                        name: string;
                        role?: "owner" | "admin" | "editor" | "viewer";
                        /** @description read: GET only; write: also changes flags, metrics and experiments; admin: everything the role allows (default) */
                        scope?: "read" | "write" | "admin";
                        /** @description With role: a service token of this workspace */
                        workspace?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: string;
                            expiresAt: string | null;
                            /** @description The token's prefix and last four characters; the token itself is shown once, at creation */
                            hint: string;
                            id: number;
                            kind: "instance" | "service" | "personal";
                            lastUsedAt: string | null;
                            name: string;
                            revokedAt: string | null;
                            role: string | null;
                            scope: string;
                            /** @description The full token. It is not stored and cannot be shown again */
                            secret: string;
                            workspace: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin-tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** @description Revokes a token at once (revoking a revoked one changes nothing). The last working token cannot be revoked: 409. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Creates the account an invitation offers (its email, if it names one) and signs it in. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        name?: string;
                        password: string;
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            user: {
                                active: boolean;
                                createdAt: string;
                                email: string;
                                id: number;
                                instanceAdmin: boolean;
                                name: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Who is calling: the user (null for a token of no one), the session's CSRF token to send as x-csrf-token with changes, and the workspaces with the user's role. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string | null;
                            name: string;
                            user: {
                                active: boolean;
                                createdAt: string;
                                email: string;
                                id: number;
                                instanceAdmin: boolean;
                                name: string;
                            } | null;
                            workspaces: {
                                environments: string[] | null;
                                key: string;
                                role: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** @description Changes the caller's password (the current one is required); other sessions end. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        current: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The caller's sessions still valid, the latest used first, with the address and browser that opened each; `current` marks this one. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string;
                            createdAt: string;
                            current: boolean;
                            expiresAt: string;
                            id: number;
                            lastSeenAt: string;
                            userAgent: string | null;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** @description Ends one of the caller's sessions (signs that browser out). */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Ends this session. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/sign-out-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Ends every session of the caller's user. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The caller's personal tokens (hints only). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: string;
                            expiresAt: string | null;
                            /** @description The token's prefix and last four characters; the token itself is shown once, at creation */
                            hint: string;
                            id: number;
                            kind: "instance" | "service" | "personal";
                            lastUsedAt: string | null;
                            name: string;
                            revokedAt: string | null;
                            role: string | null;
                            scope: string;
                            workspace: string | null;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** @description Creates a personal token; the response is the only place its secret is shown. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description When the token stops working
                         */
                        expiresAt?: string;
                        name: string;
                        /** @description read: GET only; write: also changes flags, metrics and experiments; admin: everything the role allows (default) */
                        scope?: "read" | "write" | "admin";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: string;
                            expiresAt: string | null;
                            /** @description The token's prefix and last four characters; the token itself is shown once, at creation */
                            hint: string;
                            id: number;
                            kind: "instance" | "service" | "personal";
                            lastUsedAt: string | null;
                            name: string;
                            revokedAt: string | null;
                            role: string | null;
                            scope: string;
                            /** @description The full token. It is not stored and cannot be shown again */
                            secret: string;
                            workspace: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** @description Revokes one of the caller's personal tokens. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Whether this browser's session cookie is signed in, and the CSRF token to send with changes. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string | null;
                            signedIn: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Signs in with email and password: sets the session cookie and answers the user and the CSRF token to send with changes. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            user: {
                                active: boolean;
                                createdAt: string;
                                email: string;
                                id: number;
                                instanceAdmin: boolean;
                                name: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sso": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Whether single sign-on is configured (the sign-in page offers it then). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sso/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Where the provider sends the browser back: signs the user in and goes to the dashboard. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sso/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Sends the browser to the identity provider. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Every user. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: string;
                            email: string;
                            id: number;
                            instanceAdmin: boolean;
                            name: string;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** @description Creates a user who signs in with this password (or only by single sign-on, without one). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        instanceAdmin?: boolean;
                        name?: string;
                        password?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: string;
                            email: string;
                            id: number;
                            instanceAdmin: boolean;
                            name: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Deactivates a user: their sessions end and their personal tokens stop at once. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** @description Sets a user's password (a reset); their sessions end. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            environments: {
                                approvals: {
                                    /** @description The least role of who may approve (never the request's author) */
                                    approverRole: "editor" | "admin" | "owner";
                                    /** @description Approvals a change to a flag's state here needs before it is applied (0: none; changes apply at once) */
                                    required: number;
                                };
                                createdAt: string;
                                key: string;
                                name: string;
                                /** @description A production environment: the dashboard asks for confirmation, with an optional comment for the audit log, before a change there is saved */
                                production: boolean;
                            }[];
                            key: string;
                            name: string;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        environments?: string[];
                        key: string;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            environments: {
                                approvals: {
                                    /** @description The least role of who may approve (never the request's author) */
                                    approverRole: "editor" | "admin" | "owner";
                                    /** @description Approvals a change to a flag's state here needs before it is applied (0: none; changes apply at once) */
                                    required: number;
                                };
                                createdAt: string;
                                key: string;
                                name: string;
                                /** @description A production environment: the dashboard asks for confirmation, with an optional comment for the audit log, before a change there is saved */
                                production: boolean;
                            }[];
                            key: string;
                            keys: {
                                [key: string]: {
                                    active: boolean;
                                    createdAt: string;
                                    /** @description The key's prefix and last four characters; the key itself is shown once, at creation */
                                    hint: string;
                                    id: number;
                                    kind: "server" | "client";
                                    name: string;
                                    revokedAt: string | null;
                                    /** @description The full key. It is not stored and cannot be shown again */
                                    secret: string;
                                }[];
                            };
                            name: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            environments: {
                                approvals: {
                                    /** @description The least role of who may approve (never the request's author) */
                                    approverRole: "editor" | "admin" | "owner";
                                    /** @description Approvals a change to a flag's state here needs before it is applied (0: none; changes apply at once) */
                                    required: number;
                                };
                                createdAt: string;
                                key: string;
                                name: string;
                                /** @description A production environment: the dashboard asks for confirmation, with an optional comment for the audit log, before a change there is saved */
                                production: boolean;
                            }[];
                            key: string;
                            name: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            environments: {
                                approvals: {
                                    /** @description The least role of who may approve (never the request's author) */
                                    approverRole: "editor" | "admin" | "owner";
                                    /** @description Approvals a change to a flag's state here needs before it is applied (0: none; changes apply at once) */
                                    required: number;
                                };
                                createdAt: string;
                                key: string;
                                name: string;
                                /** @description A production environment: the dashboard asks for confirmation, with an optional comment for the audit log, before a change there is saved */
                                production: boolean;
                            }[];
                            key: string;
                            name: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Continue after this entry id */
                    before?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                action: string;
                                actor: string;
                                /** @description The client address the change came from (null: the server's own) */
                                address: string | null;
                                after: unknown;
                                before: unknown;
                                /** @description Why the change was made, when its author said */
                                comment: string | null;
                                createdAt: string;
                                environmentKey: string | null;
                                flagKey: string | null;
                                id: number;
                                resourceKey: string;
                                resourceType: string;
                            }[];
                            next: number | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/change-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Change requests, newest first (at most 200). */
        get: {
            parameters: {
                query?: {
                    flag?: string;
                    status?: "open" | "applied" | "rejected" | "cancelled";
                };
                header?: never;
                path: {
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            after: {
                                enabled: boolean;
                                environment: string;
                                /** @description Served when the flag is off */
                                offVariant: string;
                                /** @description Served when on, if no rule matches and there is no rollout */
                                onVariant: string;
                                rollout: {
                                    percentage: number;
                                    variant: string;
                                }[];
                                rules: {
                                    clauses: {
                                        /** @enum {string} */
                                        attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                        customAttribute?: string | null;
                                        /**
                                         * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                         * @enum {string}
                                         */
                                        operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                        values: string[];
                                    }[];
                                    id: number;
                                    name: string;
                                    variant: string;
                                }[];
                                seed: string;
                                updatedAt: string;
                                version: number;
                            };
                            appliedVersion: number | null;
                            approvals: {
                                approverRole: string;
                                required: number;
                                /** @description Approvals of the current proposal and version */
                                valid: number;
                            };
                            author: string;
                            /** @description The state's version the proposal was made against */
                            baseVersion: number;
                            before: {
                                enabled: boolean;
                                environment: string;
                                /** @description Served when the flag is off */
                                offVariant: string;
                                /** @description Served when on, if no rule matches and there is no rollout */
                                onVariant: string;
                                rollout: {
                                    percentage: number;
                                    variant: string;
                                }[];
                                rules: {
                                    clauses: {
                                        /** @enum {string} */
                                        attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                        customAttribute?: string | null;
                                        /**
                                         * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                         * @enum {string}
                                         */
                                        operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                        values: string[];
                                    }[];
                                    id: number;
                                    name: string;
                                    variant: string;
                                }[];
                                seed: string;
                                updatedAt: string;
                                version: number;
                            };
                            closedAt: string | null;
                            closedBy: string | null;
                            comment: string;
                            createdAt: string;
                            environment: string;
                            flag: string;
                            id: number;
                            /** @description The change, as a direct change (PATCH of the state) would send it */
                            proposal: {
                                [key: string]: unknown;
                            };
                            /** @description SHA-256 of the proposal and its base version: what each approval is bound to */
                            proposalHash: string;
                            reviews: {
                                comment: string;
                                createdAt: string;
                                decision: string;
                                reviewer: string;
                                /** @description Given for an earlier proposal or version: it no longer counts */
                                void: boolean;
                            }[];
                            /** @description The flag changed since the version the request was made against: its approvals are void until it is updated */
                            stale: boolean;
                            status: "open" | "applied" | "rejected" | "cancelled";
                            updatedAt: string;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/change-requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            after: {
                                enabled: boolean;
                                environment: string;
                                /** @description Served when the flag is off */
                                offVariant: string;
                                /** @description Served when on, if no rule matches and there is no rollout */
                                onVariant: string;
                                rollout: {
                                    percentage: number;
                                    variant: string;
                                }[];
                                rules: {
                                    clauses: {
                                        /** @enum {string} */
                                        attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                        customAttribute?: string | null;
                                        /**
                                         * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                         * @enum {string}
                                         */
                                        operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                        values: string[];
                                    }[];
                                    id: number;
                                    name: string;
                                    variant: string;
                                }[];
                                seed: string;
                                updatedAt: string;
                                version: number;
                            };
                            appliedVersion: number | null;
                            approvals: {
                                approverRole: string;
                                required: number;
                                /** @description Approvals of the current proposal and version */
                                valid: number;
                            };
                            author: string;
                            /** @description The state's version the proposal was made against */
                            baseVersion: number;
                            before: {
                                enabled: boolean;
                                environment: string;
                                /** @description Served when the flag is off */
                                offVariant: string;
                                /** @description Served when on, if no rule matches and there is no rollout */
                                onVariant: string;
                                rollout: {
                                    percentage: number;
                                    variant: string;
                                }[];
                                rules: {
                                    clauses: {
                                        /** @enum {string} */
                                        attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                        customAttribute?: string | null;
                                        /**
                                         * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                         * @enum {string}
                                         */
                                        operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                        values: string[];
                                    }[];
                                    id: number;
                                    name: string;
                                    variant: string;
                                }[];
                                seed: string;
                                updatedAt: string;
                                version: number;
                            };
                            closedAt: string | null;
                            closedBy: string | null;
                            comment: string;
                            createdAt: string;
                            environment: string;
                            flag: string;
                            id: number;
                            /** @description The change, as a direct change (PATCH of the state) would send it */
                            proposal: {
                                [key: string]: unknown;
                            };
                            /** @description SHA-256 of the proposal and its base version: what each approval is bound to */
                            proposalHash: string;
                            reviews: {
                                comment: string;
                                createdAt: string;
                                decision: string;
                                reviewer: string;
                                /** @description Given for an earlier proposal or version: it no longer counts */
                                void: boolean;
                            }[];
                            /** @description The flag changed since the version the request was made against: its approvals are void until it is updated */
                            stale: boolean;
                            status: "open" | "applied" | "rejected" | "cancelled";
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        /** @description The author's new proposal (made against the state now): earlier approvals no longer count. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    ws: string;
                };
                cookie?: never;
            };
            /** @description A change that leaves the state as it is is not saved: the answer is the state unchanged, and no audit entry is written */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Why the change is made: kept with its audit entry */
                        comment?: string;
                        enabled?: boolean;
                        /** @description Fail with 409 if the state changed since this version */
                        expectedVersion?: number;
                        /** @description Required to change the rollout, seed or rules while an experiment runs on the flag in this environment: the change starts a new phase of it */
                        newExperimentPhase?: boolean;
                        offVariant?: string;
                        onVariant?: string;
                        /** @description Draw a new seed: users are bucketed anew */
                        reshuffle?: boolean;
                        rollout?: {
                            percentage: number;
                            variant: string;
                        }[];
                        rules?: {
                            clauses: {
                                /** @enum {string} */
                                attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                customAttribute?: string | null;
                                /**
                                 * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                 * @enum {string}
                                 */
                                operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                values: string[];
                            }[];
                            /** @description Keep an existing rule's id; omit for a new rule */
                            id?: number;
                            name?: string;
                            variant: string;
                        }[];
                        seed?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            after: {
                                enabled: boolean;
                                environment: string;
                                /** @description Served when the flag is off */
                                offVariant: string;
                                /** @description Served when on, if no rule matches and there is no rollout */
                                onVariant: string;
                                rollout: {
                                    percentage: number;
                                    variant: string;
                                }[];
                                rules: {
                                    clauses: {
                                        /** @enum {string} */
                                        attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                        customAttribute?: string | null;
                                        /**
                                         * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                         * @enum {string}
                                         */
                                        operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                        values: string[];
                                    }[];
                                    id: number;
                                    name: string;
                                    variant: string;
                                }[];
                                seed: string;
                                updatedAt: string;
                                version: number;
                            };
                            appliedVersion: number | null;
                            approvals: {
                                approverRole: string;
                                required: number;
                                /** @description Approvals of the current proposal and version */
                                valid: number;
                            };
                            author: string;
                            /** @description The state's version the proposal was made against */
                            baseVersion: number;
                            before: {
                                enabled: boolean;
                                environment: string;
                                /** @description Served when the flag is off */
                                offVariant: string;
                                /** @description Served when on, if no rule matches and there is no rollout */
                                onVariant: string;
                                rollout: {
                                    percentage: number;
                                    variant: string;
                                }[];
                                rules: {
                                    clauses: {
                                        /** @enum {string} */
                                        attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                        customAttribute?: string | null;
                                        /**
                                         * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                         * @enum {string}
                                         */
                                        operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                        values: string[];
                                    }[];
                                    id: number;
                                    name: string;
                                    variant: string;
                                }[];
                                seed: string;
                                updatedAt: string;
                                version: number;
                            };
                            closedAt: string | null;
                            closedBy: string | null;
                            comment: string;
                            createdAt: string;
                            environment: string;
                            flag: string;
                            id: number;
                            /** @description The change, as a direct change (PATCH of the state) would send it */
                            proposal: {
                                [key: string]: unknown;
                            };
                            /** @description SHA-256 of the proposal and its base version: what each approval is bound to */
                            proposalHash: string;
                            reviews: {
                                comment: string;
                                createdAt: string;
                                decision: string;
                                reviewer: string;
                                /** @description Given for an earlier proposal or version: it no longer counts */
                                void: boolean;
                            }[];
                            /** @description The flag changed since the version the request was made against: its approvals are void until it is updated */
                            stale: boolean;
                            status: "open" | "applied" | "rejected" | "cancelled";
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/change-requests/{id}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Applies an approved request: the state, its audit entry and the request's status in one transaction. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            after: {
                                enabled: boolean;
                                environment: string;
                                /** @description Served when the flag is off */
                                offVariant: string;
                                /** @description Served when on, if no rule matches and there is no rollout */
                                onVariant: string;
                                rollout: {
                                    percentage: number;
                                    variant: string;
                                }[];
                                rules: {
                                    clauses: {
                                        /** @enum {string} */
                                        attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                        customAttribute?: string | null;
                                        /**
                                         * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                         * @enum {string}
                                         */
                                        operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                        values: string[];
                                    }[];
                                    id: number;
                                    name: string;
                                    variant: string;
                                }[];
                                seed: string;
                                updatedAt: string;
                                version: number;
                            };
                            appliedVersion: number | null;
                            approvals: {
                                approverRole: string;
                                required: number;
                                /** @description Approvals of the current proposal and version */
                                valid: number;
                            };
                            author: string;
                            /** @description The state's version the proposal was made against */
                            baseVersion: number;
                            before: {
                                enabled: boolean;
                                environment: string;
                                /** @description Served when the flag is off */
                                offVariant: string;
                                /** @description Served when on, if no rule matches and there is no rollout */
                                onVariant: string;
                                rollout: {
                                    percentage: number;
                                    variant: string;
                                }[];
                                rules: {
                                    clauses: {
                                        /** @enum {string} */
                                        attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                        customAttribute?: string | null;
                                        /**
                                         * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                         * @enum {string}
                                         */
                                        operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                        values: string[];
                                    }[];
                                    id: number;
                                    name: string;
                                    variant: string;
                                }[];
                                seed: string;
                                updatedAt: string;
                                version: number;
                            };
                            closedAt: string | null;
                            closedBy: string | null;
                            comment: string;
                            createdAt: string;
                            environment: string;
                            flag: string;
                            id: number;
                            /** @description The change, as a direct change (PATCH of the state) would send it */
                            proposal: {
                                [key: string]: unknown;
                            };
                            /** @description SHA-256 of the proposal and its base version: what each approval is bound to */
                            proposalHash: string;
                            reviews: {
                                comment: string;
                                createdAt: string;
                                decision: string;
                                reviewer: string;
                                /** @description Given for an earlier proposal or version: it no longer counts */
                                void: boolean;
                            }[];
                            /** @description The flag changed since the version the request was made against: its approvals are void until it is updated */
                            stale: boolean;
                            status: "open" | "applied" | "rejected" | "cancelled";
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/change-requests/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Approves the current proposal (never one's own; at least the environment's approver role). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            after: {
                                enabled: boolean;
                                environment: string;
                                /** @description Served when the flag is off */
                                offVariant: string;
                                /** @description Served when on, if no rule matches and there is no rollout */
                                onVariant: string;
                                rollout: {
                                    percentage: number;
                                    variant: string;
                                }[];
                                rules: {
                                    clauses: {
                                        /** @enum {string} */
                                        attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                        customAttribute?: string | null;
                                        /**
                                         * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                         * @enum {string}
                                         */
                                        operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                        values: string[];
                                    }[];
                                    id: number;
                                    name: string;
                                    variant: string;
                                }[];
                                seed: string;
                                updatedAt: string;
                                version: number;
                            };
                            appliedVersion: number | null;
                            approvals: {
                                approverRole: string;
                                required: number;
                                /** @description Approvals of the current proposal and version */
                                valid: number;
                            };
                            author: string;
                            /** @description The state's version the proposal was made against */
                            baseVersion: number;
                            before: {
                                enabled: boolean;
                                environment: string;
                                /** @description Served when the flag is off */
                                offVariant: string;
                                /** @description Served when on, if no rule matches and there is no rollout */
                                onVariant: string;
                                rollout: {
                                    percentage: number;
                                    variant: string;
                                }[];
                                rules: {
                                    clauses: {
                                        /** @enum {string} */
                                        attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                        customAttribute?: string | null;
                                        /**
                                         * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                         * @enum {string}
                                         */
                                        operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                        values: string[];
                                    }[];
                                    id: number;
                                    name: string;
                                    variant: string;
                                }[];
                                seed: string;
                                updatedAt: string;
                                version: number;
                            };
                            closedAt: string | null;
                            closedBy: string | null;
                            comment: string;
                            createdAt: string;
                            environment: string;
                            flag: string;
                            id: number;
                            /** @description The change, as a direct change (PATCH of the state) would send it */
                            proposal: {
                                [key: string]: unknown;
                            };
                            /** @description SHA-256 of the proposal and its base version: what each approval is bound to */
                            proposalHash: string;
                            reviews: {
                                comment: string;
                                createdAt: string;
                                decision: string;
                                reviewer: string;
                                /** @description Given for an earlier proposal or version: it no longer counts */
                                void: boolean;
                            }[];
                            /** @description The flag changed since the version the request was made against: its approvals are void until it is updated */
                            stale: boolean;
                            status: "open" | "applied" | "rejected" | "cancelled";
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/change-requests/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Withdraws an open request (its author, an admin or an owner). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            after: {
                                enabled: boolean;
                                environment: string;
                                /** @description Served when the flag is off */
                                offVariant: string;
                                /** @description Served when on, if no rule matches and there is no rollout */
                                onVariant: string;
                                rollout: {
                                    percentage: number;
                                    variant: string;
                                }[];
                                rules: {
                                    clauses: {
                                        /** @enum {string} */
                                        attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                        customAttribute?: string | null;
                                        /**
                                         * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                         * @enum {string}
                                         */
                                        operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                        values: string[];
                                    }[];
                                    id: number;
                                    name: string;
                                    variant: string;
                                }[];
                                seed: string;
                                updatedAt: string;
                                version: number;
                            };
                            appliedVersion: number | null;
                            approvals: {
                                approverRole: string;
                                required: number;
                                /** @description Approvals of the current proposal and version */
                                valid: number;
                            };
                            author: string;
                            /** @description The state's version the proposal was made against */
                            baseVersion: number;
                            before: {
                                enabled: boolean;
                                environment: string;
                                /** @description Served when the flag is off */
                                offVariant: string;
                                /** @description Served when on, if no rule matches and there is no rollout */
                                onVariant: string;
                                rollout: {
                                    percentage: number;
                                    variant: string;
                                }[];
                                rules: {
                                    clauses: {
                                        /** @enum {string} */
                                        attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                        customAttribute?: string | null;
                                        /**
                                         * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                         * @enum {string}
                                         */
                                        operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                        values: string[];
                                    }[];
                                    id: number;
                                    name: string;
                                    variant: string;
                                }[];
                                seed: string;
                                updatedAt: string;
                                version: number;
                            };
                            closedAt: string | null;
                            closedBy: string | null;
                            comment: string;
                            createdAt: string;
                            environment: string;
                            flag: string;
                            id: number;
                            /** @description The change, as a direct change (PATCH of the state) would send it */
                            proposal: {
                                [key: string]: unknown;
                            };
                            /** @description SHA-256 of the proposal and its base version: what each approval is bound to */
                            proposalHash: string;
                            reviews: {
                                comment: string;
                                createdAt: string;
                                decision: string;
                                reviewer: string;
                                /** @description Given for an earlier proposal or version: it no longer counts */
                                void: boolean;
                            }[];
                            /** @description The flag changed since the version the request was made against: its approvals are void until it is updated */
                            stale: boolean;
                            status: "open" | "applied" | "rejected" | "cancelled";
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/change-requests/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Rejects the request, which closes it (never one's own). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            after: {
                                enabled: boolean;
                                environment: string;
                                /** @description Served when the flag is off */
                                offVariant: string;
                                /** @description Served when on, if no rule matches and there is no rollout */
                                onVariant: string;
                                rollout: {
                                    percentage: number;
                                    variant: string;
                                }[];
                                rules: {
                                    clauses: {
                                        /** @enum {string} */
                                        attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                        customAttribute?: string | null;
                                        /**
                                         * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                         * @enum {string}
                                         */
                                        operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                        values: string[];
                                    }[];
                                    id: number;
                                    name: string;
                                    variant: string;
                                }[];
                                seed: string;
                                updatedAt: string;
                                version: number;
                            };
                            appliedVersion: number | null;
                            approvals: {
                                approverRole: string;
                                required: number;
                                /** @description Approvals of the current proposal and version */
                                valid: number;
                            };
                            author: string;
                            /** @description The state's version the proposal was made against */
                            baseVersion: number;
                            before: {
                                enabled: boolean;
                                environment: string;
                                /** @description Served when the flag is off */
                                offVariant: string;
                                /** @description Served when on, if no rule matches and there is no rollout */
                                onVariant: string;
                                rollout: {
                                    percentage: number;
                                    variant: string;
                                }[];
                                rules: {
                                    clauses: {
                                        /** @enum {string} */
                                        attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                        customAttribute?: string | null;
                                        /**
                                         * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                         * @enum {string}
                                         */
                                        operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                        values: string[];
                                    }[];
                                    id: number;
                                    name: string;
                                    variant: string;
                                }[];
                                seed: string;
                                updatedAt: string;
                                version: number;
                            };
                            closedAt: string | null;
                            closedBy: string | null;
                            comment: string;
                            createdAt: string;
                            environment: string;
                            flag: string;
                            id: number;
                            /** @description The change, as a direct change (PATCH of the state) would send it */
                            proposal: {
                                [key: string]: unknown;
                            };
                            /** @description SHA-256 of the proposal and its base version: what each approval is bound to */
                            proposalHash: string;
                            reviews: {
                                comment: string;
                                createdAt: string;
                                decision: string;
                                reviewer: string;
                                /** @description Given for an earlier proposal or version: it no longer counts */
                                void: boolean;
                            }[];
                            /** @description The flag changed since the version the request was made against: its approvals are void until it is updated */
                            stale: boolean;
                            status: "open" | "applied" | "rejected" | "cancelled";
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/change-requests/{id}/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Applies an approved change request at a time (its approvals must still hold then). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description When it applies (ISO 8601, in the future)
                         */
                        at: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            appliedVersion: number | null;
                            at: string;
                            author: string;
                            /** @description The change it applies, as a direct change would send it */
                            change: {
                                [key: string]: unknown;
                            };
                            /** @description The approved change request it applies, if any */
                            changeRequest: number | null;
                            closedAt: string | null;
                            closedBy: string | null;
                            comment: string;
                            createdAt: string;
                            environment: string;
                            /** @description Why it was not applied (its fields changed since it was made, approvals now required, …) */
                            failure: string | null;
                            flag: string;
                            id: number;
                            status: "pending" | "applied" | "failed" | "cancelled";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/environments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approvals: {
                                /** @description The least role of who may approve (never the request's author) */
                                approverRole: "editor" | "admin" | "owner";
                                /** @description Approvals a change to a flag's state here needs before it is applied (0: none; changes apply at once) */
                                required: number;
                            };
                            createdAt: string;
                            key: string;
                            name: string;
                            /** @description A production environment: the dashboard asks for confirmation, with an optional comment for the audit log, before a change there is saved */
                            production: boolean;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        key: string;
                        name?: string;
                        /** @description A production environment: the dashboard asks for confirmation, with an optional comment for the audit log, before a change there is saved */
                        production?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approvals: {
                                /** @description The least role of who may approve (never the request's author) */
                                approverRole: "editor" | "admin" | "owner";
                                /** @description Approvals a change to a flag's state here needs before it is applied (0: none; changes apply at once) */
                                required: number;
                            };
                            createdAt: string;
                            key: string;
                            keys: {
                                active: boolean;
                                createdAt: string;
                                /** @description The key's prefix and last four characters; the key itself is shown once, at creation */
                                hint: string;
                                id: number;
                                kind: "server" | "client";
                                name: string;
                                revokedAt: string | null;
                                /** @description The full key. It is not stored and cannot be shown again */
                                secret: string;
                            }[];
                            name: string;
                            /** @description A production environment: the dashboard asks for confirmation, with an optional comment for the audit log, before a change there is saved */
                            production: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/environments/{env}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    env: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approvals: {
                                /** @description The least role of who may approve (never the request's author) */
                                approverRole: "editor" | "admin" | "owner";
                                /** @description Approvals a change to a flag's state here needs before it is applied (0: none; changes apply at once) */
                                required: number;
                            };
                            createdAt: string;
                            key: string;
                            name: string;
                            /** @description A production environment: the dashboard asks for confirmation, with an optional comment for the audit log, before a change there is saved */
                            production: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    env: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    env: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        approvals?: {
                            /** @description The least role of who may approve (never the request's author) */
                            approverRole: "editor" | "admin" | "owner";
                            /** @description Approvals a change to a flag's state here needs before it is applied (0: none; changes apply at once) */
                            required: number;
                        };
                        name?: string;
                        /** @description A production environment: the dashboard asks for confirmation, with an optional comment for the audit log, before a change there is saved */
                        production?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approvals: {
                                /** @description The least role of who may approve (never the request's author) */
                                approverRole: "editor" | "admin" | "owner";
                                /** @description Approvals a change to a flag's state here needs before it is applied (0: none; changes apply at once) */
                                required: number;
                            };
                            createdAt: string;
                            key: string;
                            name: string;
                            /** @description A production environment: the dashboard asks for confirmation, with an optional comment for the audit log, before a change there is saved */
                            production: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/environments/{env}/event-catalog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    env: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: {
                                eventKey: string;
                                firstSeen: string;
                                /** @description Events received in the current and the previous 23 hours */
                                last24h: number;
                                lastSeen: string;
                                properties: {
                                    [key: string]: {
                                        types: string[];
                                    };
                                };
                                total: number;
                                value: {
                                    count: number;
                                    max: number;
                                    mean: number;
                                    min: number;
                                } | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/environments/{env}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description The `next` of the previous page */
                    after?: number;
                    /** @description ndjson and csv stream every matching row */
                    format?: "json" | "ndjson" | "csv";
                    /** @description Timestamps at or after (ISO 8601) */
                    from?: string;
                    /** @description Event key (events) or flag key (impressions, exposures) */
                    key?: string;
                    limit?: number;
                    /** @description Timestamps before (ISO 8601) */
                    to?: string;
                    user?: string;
                    /** @description Variant id; 0 is unknown */
                    variant?: number;
                };
                header?: never;
                path: {
                    env: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: {
                                clientId: string | null;
                                context: unknown;
                                eventKey: string;
                                id: number;
                                properties: unknown;
                                /** @description ISO 8601, UTC */
                                receivedAt: string;
                                source: string;
                                /** @description ISO 8601, UTC */
                                timestamp: string;
                                userKey: string;
                                value: number | null;
                            }[];
                            /** @description Pass as `after` for the next page; null on the last */
                            next: number | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/environments/{env}/exposures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description The `next` of the previous page */
                    after?: string;
                    /** @description ndjson and csv stream every matching row */
                    format?: "json" | "ndjson" | "csv";
                    /** @description Timestamps at or after (ISO 8601) */
                    from?: string;
                    /** @description Event key (events) or flag key (impressions, exposures) */
                    key?: string;
                    limit?: number;
                    /** @description Timestamps before (ISO 8601) */
                    to?: string;
                    user?: string;
                    /** @description Variant id; 0 is unknown */
                    variant?: number;
                };
                header?: never;
                path: {
                    env: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            exposures: {
                                /** @description ISO 8601, UTC */
                                firstAt: string;
                                flagKey: string;
                                userKey: string;
                                /** @description 0 is unknown */
                                variantId: number;
                            }[];
                            /** @description Pass as `after` for the next page; null on the last */
                            next: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/environments/{env}/impressions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description The `next` of the previous page */
                    after?: number;
                    /** @description ndjson and csv stream every matching row */
                    format?: "json" | "ndjson" | "csv";
                    /** @description Timestamps at or after (ISO 8601) */
                    from?: string;
                    /** @description Event key (events) or flag key (impressions, exposures) */
                    key?: string;
                    limit?: number;
                    /** @description Timestamps before (ISO 8601) */
                    to?: string;
                    user?: string;
                    /** @description Variant id; 0 is unknown */
                    variant?: number;
                };
                header?: never;
                path: {
                    env: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            impressions: {
                                context: unknown;
                                flagKey: string;
                                id: number;
                                reason: string | null;
                                /** @description ISO 8601, UTC */
                                receivedAt: string;
                                source: string;
                                /** @description ISO 8601, UTC */
                                timestamp: string;
                                userKey: string;
                                value: unknown;
                                variantId: number | null;
                            }[];
                            /** @description Pass as `after` for the next page; null on the last */
                            next: number | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/environments/{env}/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Server-sent events: `event` and `impression` messages as they are committed. Slow readers are disconnected. */
        get: {
            parameters: {
                query?: {
                    event?: string;
                    flag?: string;
                    user?: string;
                };
                header?: never;
                path: {
                    env: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/environments/{env}/metric-preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description What a metric definition measures per UTC day over the last days (7 by default) of the environment's raw events, over every user who sent a matching event: a preview while defining a metric. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    env: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 7 */
                        days?: number;
                        eventKey: string;
                        filters?: {
                            /**
                             * @description equals / not_equals: type-strict (the string "5" is not the number 5), a missing property is not equal; in: one of `values`; exists: present and not null; gt, gte, lt, lte: JSON numbers only
                             * @enum {string}
                             */
                            operator: "equals" | "not_equals" | "in" | "exists" | "gt" | "gte" | "lt" | "lte";
                            /** @description Dotted path into the event's properties, e.g. `cart.total` */
                            property: string;
                            /** @description A JSON string (at most 500 characters), number, boolean or null */
                            value?: unknown;
                            values?: unknown[];
                        }[];
                        /**
                         * @description conversion: a user converts with at least one matching event; count, sum, average: per-user aggregation of matching events
                         * @enum {string}
                         */
                        kind: "conversion" | "count" | "sum" | "average";
                        /** @description For sum and average: a numeric property; absent or null: the eventValue */
                        valuePath?: string | (never | null);
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            days: {
                                /** @description UTC day, YYYY-MM-DD */
                                day: string;
                                /** @description Matching events */
                                events: number;
                                /** @description Mean per-user value over those users: conversion 1, count the events, sum the sum of values, average the mean of the user's values */
                                mean: number | null;
                                /** @description Users with at least one matching event */
                                users: number;
                                /** @description Users the per-user value is defined for (average: users with a value) */
                                valued: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/environments/{env}/sdk-drops": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Impressions and events SDK clients dropped in the last 7 days, by SDK */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    env: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bySdk: {
                                clients: number;
                                events: number;
                                impressions: number;
                                /** Format: date-time */
                                lastSeen: string;
                                sdkName: string;
                                sdkVersion: string;
                            }[];
                            clients: number;
                            events: number;
                            impressions: number;
                            /** Format: date-time */
                            since: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/environments/{env}/sdk-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    env: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: string;
                            /** @description The key's prefix and last four characters; the key itself is shown once, at creation */
                            hint: string;
                            id: number;
                            kind: "server" | "client";
                            name: string;
                            revokedAt: string | null;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    env: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        kind: "server" | "client";
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: string;
                            /** @description The key's prefix and last four characters; the key itself is shown once, at creation */
                            hint: string;
                            id: number;
                            kind: "server" | "client";
                            name: string;
                            revokedAt: string | null;
                            /** @description The full key. It is not stored and cannot be shown again */
                            secret: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/environments/{env}/sdk-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    env: string;
                    id: number;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: string;
                            /** @description The key's prefix and last four characters; the key itself is shown once, at creation */
                            hint: string;
                            id: number;
                            kind: "server" | "client";
                            name: string;
                            revokedAt: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/environments/{env}/sdk-keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    env: string;
                    id: number;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description How long the old key keeps working
                         * @default 0
                         */
                        graceSeconds?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: string;
                            /** @description The key's prefix and last four characters; the key itself is shown once, at creation */
                            hint: string;
                            id: number;
                            kind: "server" | "client";
                            name: string;
                            revokedAt: string | null;
                            /** @description The full key. It is not stored and cannot be shown again */
                            secret: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/environments/{env}/users/{user}/last-context": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's context as their latest impression carried it
         * @description The key, attributes (and address, country) an SDK last sent for this user with an impression in the environment, the flag and the time: what "why did this user get that?" evaluates for a user seen here.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    env: string;
                    user: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            context: {
                                attributes?: {
                                    [key: string]: unknown;
                                };
                                bucketingKey?: string;
                                country?: string;
                                ip?: string;
                                key: string;
                            };
                            /** @description The flag of that impression */
                            flag: string;
                            /** Format: date-time */
                            seenAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/experiments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            experiments: {
                                /** @description Where the analysis window ends at the latest; null: at the stop, or now */
                                analysisEnd: string | null;
                                baseline: string;
                                createdAt: string;
                                decision: {
                                    decision: string;
                                    note: string;
                                    variant: string | null;
                                } | null;
                                environment: string;
                                flag: string;
                                hypothesis: string;
                                key: string;
                                name: string;
                                /** @description Oldest first. A phase begins when the experiment starts, when a change to its flag's rollout, seed or rules in its environment is accepted while it runs, and when its analysis is restarted; results are per phase */
                                phases: {
                                    /** @description Where the next phase began; null for the current phase */
                                    endedAt: string | null;
                                    number: number;
                                    reason: string;
                                    startedAt: string;
                                    /** @description Expected share per variant in this phase (used by SRM) */
                                    traffic: {
                                        [key: string]: number;
                                    };
                                }[];
                                primaryMetric: string;
                                secondaryMetrics: string[];
                                settings: {
                                    alpha: number;
                                    correction: string;
                                    cuped: boolean;
                                    sequential: boolean;
                                    sequentialTuning: number;
                                };
                                startedAt: string | null;
                                /** @enum {string} */
                                status: "draft" | "running" | "stopped";
                                stoppedAt: string | null;
                                traffic: {
                                    [key: string]: number;
                                };
                                updatedAt: string;
                                variants: string[];
                                /** @description What the flag's state in the environment does to this experiment (a draft or a running one): a flag that is off, a compared variant the rollout never assigns, an expected split other than the rollout's */
                                warnings?: {
                                    /** @enum {string} */
                                    code: "flag_off" | "variant_not_randomised" | "split_differs";
                                    message: string;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Variant key */
                        baseline: string;
                        environment: string;
                        flag: string;
                        hypothesis?: string;
                        key: string;
                        name?: string;
                        primaryMetric: string;
                        secondaryMetrics?: string[];
                        settings?: {
                            /** @description Significance level of tests and intervals (default 0.05) */
                            alpha?: number;
                            /**
                             * @description Multiple-testing correction of the Welch p-values over variants × metrics (default holm)
                             * @enum {string}
                             */
                            correction?: "none" | "bonferroni" | "holm" | "benjamini-hochberg";
                            /** @description Variance reduction with the same metric over the 14 days before each user's exposure (not for average metrics) */
                            cuped?: boolean;
                            /** @description Always-valid p-values and intervals (a normal-mixture confidence sequence), safe to look at any time (default true); false: fixed-horizon Welch */
                            sequential?: boolean;
                            /** @description Sequential testing: the planned number of users in all (N*), where the intervals are tightest (default 5000) */
                            sequentialTuning?: number;
                        };
                        /** @description Expected share of exposed users per variant key (any scale); by default taken from the flag's rollout in the environment when the experiment starts, or an even split */
                        traffic?: {
                            [key: string]: number;
                        };
                        /** @description Variant keys compared with the baseline; default: every other variant */
                        variants?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Where the analysis window ends at the latest; null: at the stop, or now */
                            analysisEnd: string | null;
                            baseline: string;
                            createdAt: string;
                            decision: {
                                decision: string;
                                note: string;
                                variant: string | null;
                            } | null;
                            environment: string;
                            flag: string;
                            hypothesis: string;
                            key: string;
                            name: string;
                            /** @description Oldest first. A phase begins when the experiment starts, when a change to its flag's rollout, seed or rules in its environment is accepted while it runs, and when its analysis is restarted; results are per phase */
                            phases: {
                                /** @description Where the next phase began; null for the current phase */
                                endedAt: string | null;
                                number: number;
                                reason: string;
                                startedAt: string;
                                /** @description Expected share per variant in this phase (used by SRM) */
                                traffic: {
                                    [key: string]: number;
                                };
                            }[];
                            primaryMetric: string;
                            secondaryMetrics: string[];
                            settings: {
                                alpha: number;
                                correction: string;
                                cuped: boolean;
                                sequential: boolean;
                                sequentialTuning: number;
                            };
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "running" | "stopped";
                            stoppedAt: string | null;
                            traffic: {
                                [key: string]: number;
                            };
                            updatedAt: string;
                            variants: string[];
                            /** @description What the flag's state in the environment does to this experiment (a draft or a running one): a flag that is off, a compared variant the rollout never assigns, an expected split other than the rollout's */
                            warnings?: {
                                /** @enum {string} */
                                code: "flag_off" | "variant_not_randomised" | "split_differs";
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/experiments/{experiment}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    experiment: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Where the analysis window ends at the latest; null: at the stop, or now */
                            analysisEnd: string | null;
                            baseline: string;
                            createdAt: string;
                            decision: {
                                decision: string;
                                note: string;
                                variant: string | null;
                            } | null;
                            environment: string;
                            flag: string;
                            hypothesis: string;
                            key: string;
                            name: string;
                            /** @description Oldest first. A phase begins when the experiment starts, when a change to its flag's rollout, seed or rules in its environment is accepted while it runs, and when its analysis is restarted; results are per phase */
                            phases: {
                                /** @description Where the next phase began; null for the current phase */
                                endedAt: string | null;
                                number: number;
                                reason: string;
                                startedAt: string;
                                /** @description Expected share per variant in this phase (used by SRM) */
                                traffic: {
                                    [key: string]: number;
                                };
                            }[];
                            primaryMetric: string;
                            secondaryMetrics: string[];
                            settings: {
                                alpha: number;
                                correction: string;
                                cuped: boolean;
                                sequential: boolean;
                                sequentialTuning: number;
                            };
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "running" | "stopped";
                            stoppedAt: string | null;
                            traffic: {
                                [key: string]: number;
                            };
                            updatedAt: string;
                            variants: string[];
                            /** @description What the flag's state in the environment does to this experiment (a draft or a running one): a flag that is off, a compared variant the rollout never assigns, an expected split other than the rollout's */
                            warnings?: {
                                /** @enum {string} */
                                code: "flag_off" | "variant_not_randomised" | "split_differs";
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    experiment: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        baseline?: string;
                        hypothesis?: string;
                        name?: string;
                        primaryMetric?: string;
                        secondaryMetrics?: string[];
                        settings?: {
                            /** @description Significance level of tests and intervals (default 0.05) */
                            alpha?: number;
                            /**
                             * @description Multiple-testing correction of the Welch p-values over variants × metrics (default holm)
                             * @enum {string}
                             */
                            correction?: "none" | "bonferroni" | "holm" | "benjamini-hochberg";
                            /** @description Variance reduction with the same metric over the 14 days before each user's exposure (not for average metrics) */
                            cuped?: boolean;
                            /** @description Always-valid p-values and intervals (a normal-mixture confidence sequence), safe to look at any time (default true); false: fixed-horizon Welch */
                            sequential?: boolean;
                            /** @description Sequential testing: the planned number of users in all (N*), where the intervals are tightest (default 5000) */
                            sequentialTuning?: number;
                        };
                        /** @description Expected share of exposed users per variant key (any scale); by default taken from the flag's rollout in the environment when the experiment starts, or an even split */
                        traffic?: {
                            [key: string]: number;
                        };
                        /** @description Variant keys compared with the baseline; default: every other variant */
                        variants?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Where the analysis window ends at the latest; null: at the stop, or now */
                            analysisEnd: string | null;
                            baseline: string;
                            createdAt: string;
                            decision: {
                                decision: string;
                                note: string;
                                variant: string | null;
                            } | null;
                            environment: string;
                            flag: string;
                            hypothesis: string;
                            key: string;
                            name: string;
                            /** @description Oldest first. A phase begins when the experiment starts, when a change to its flag's rollout, seed or rules in its environment is accepted while it runs, and when its analysis is restarted; results are per phase */
                            phases: {
                                /** @description Where the next phase began; null for the current phase */
                                endedAt: string | null;
                                number: number;
                                reason: string;
                                startedAt: string;
                                /** @description Expected share per variant in this phase (used by SRM) */
                                traffic: {
                                    [key: string]: number;
                                };
                            }[];
                            primaryMetric: string;
                            secondaryMetrics: string[];
                            settings: {
                                alpha: number;
                                correction: string;
                                cuped: boolean;
                                sequential: boolean;
                                sequentialTuning: number;
                            };
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "running" | "stopped";
                            stoppedAt: string | null;
                            traffic: {
                                [key: string]: number;
                            };
                            updatedAt: string;
                            variants: string[];
                            /** @description What the flag's state in the environment does to this experiment (a draft or a running one): a flag that is off, a compared variant the rollout never assigns, an expected split other than the rollout's */
                            warnings?: {
                                /** @enum {string} */
                                code: "flag_off" | "variant_not_randomised" | "split_differs";
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/experiments/{experiment}/phases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restart the analysis: a new phase from a time, without changing the flag */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    experiment: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                        /**
                         * Format: date-time
                         * @description Where the new phase begins (default now): after the current phase's start
                         */
                        startedAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Where the analysis window ends at the latest; null: at the stop, or now */
                            analysisEnd: string | null;
                            baseline: string;
                            createdAt: string;
                            decision: {
                                decision: string;
                                note: string;
                                variant: string | null;
                            } | null;
                            environment: string;
                            flag: string;
                            hypothesis: string;
                            key: string;
                            name: string;
                            /** @description Oldest first. A phase begins when the experiment starts, when a change to its flag's rollout, seed or rules in its environment is accepted while it runs, and when its analysis is restarted; results are per phase */
                            phases: {
                                /** @description Where the next phase began; null for the current phase */
                                endedAt: string | null;
                                number: number;
                                reason: string;
                                startedAt: string;
                                /** @description Expected share per variant in this phase (used by SRM) */
                                traffic: {
                                    [key: string]: number;
                                };
                            }[];
                            primaryMetric: string;
                            secondaryMetrics: string[];
                            settings: {
                                alpha: number;
                                correction: string;
                                cuped: boolean;
                                sequential: boolean;
                                sequentialTuning: number;
                            };
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "running" | "stopped";
                            stoppedAt: string | null;
                            traffic: {
                                [key: string]: number;
                            };
                            updatedAt: string;
                            variants: string[];
                            /** @description What the flag's state in the environment does to this experiment (a draft or a running one): a flag that is off, a compared variant the rollout never assigns, an expected split other than the rollout's */
                            warnings?: {
                                /** @enum {string} */
                                code: "flag_off" | "variant_not_randomised" | "split_differs";
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/experiments/{experiment}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The latest results (computed when there are none)
         * @description Analysis window: the phase asked for (default the current one), from its start to the next phase's start, the stop or now, and never past the analysis end when one is set; times at or after the end are left out. A user is exposed by at least one impression of the flag in the environment inside the window; the first is the exposure time; users exposed to more than one variant are excluded from every metric and from SRM and counted. Events count from the exposure time (inclusive) to the window end. Only JSON numbers are values. Per-user value: conversion 1/0; count and sum include exposed users without events as 0; average is the mean of the user's values (users without a value are left out). Per variant vs baseline: Welch difference with 95% CI (Welch–Satterthwaite df), relative lift (m_t − m_c)/|m_c| with CI (delta method, normal), two-sided Welch p-value, pooled two-proportion z-test for conversion; Bayesian chance to beat baseline (exact Beta-Binomial with Beta(1,1) priors for conversion without CUPED, else the normal approximation on the (CUPED-adjusted) difference), expected loss; SRM chi-square flagged at p < 0.001; Bonferroni, Holm or Benjamini–Hochberg correction over variants × metrics; CUPED with the same metric over the 14 days before exposure (one pooled theta per metric, not for average metrics); sequential testing (the default) with a normal-mixture confidence sequence calibrated as in GrowthBook (Waudby-Smith et al. 2023: ρ from alpha and the planned total users N* = sequentialTuning, default 5000), which makes the difference and relative-lift intervals and the p-value always valid, safe to look at any time: when it is on, every interval and p-value shown is the always-valid one (method: sequential). Verdict: winning or losing when the (corrected) p-value is below alpha, by the metric's direction; else inconclusive. Cumulative results per day.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The phase to analyse (default: the current one) */
                    phase?: number;
                };
                header?: never;
                path: {
                    experiment: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            computedAt: string;
                            durationMs: number;
                            /** @description The phase analysed */
                            phase: number;
                            result: {
                                /** @description Users whose SDK served another variant than the server derives for them (not ready, stale cache, bootstrap): they stay in the variant they saw */
                                assignment: {
                                    /** @description Per SDK source (server, client) */
                                    mismatchedUsers: {
                                        [key: string]: number;
                                    };
                                    /** @description Mismatched users over all exposed users */
                                    rate: number;
                                    /** @description Users whose impressions from our own SDK endpoint report another reason than the server derives, per SDK source (the reported reason is used) */
                                    reasonDisagreements: {
                                        [key: string]: number;
                                    };
                                    /** @description Mismatched users above 1 %, or any reason disagreement */
                                    warning: string | null;
                                };
                                /** @description Comparisons (variants × metrics, the comparable ones) the correction covers */
                                correctionFamily: number;
                                daily: {
                                    day: string;
                                    metrics: {
                                        metric: string;
                                        variants: {
                                            chanceToBeat: number | null;
                                            mean: number;
                                            relativeLift: number | null;
                                            /** @description Lower and upper bound */
                                            relativeLiftCi: [
                                                number,
                                                number
                                            ] | null;
                                            users: number;
                                            variant: string;
                                        }[];
                                    }[];
                                }[];
                                exposures: {
                                    /** @description Users per variant key */
                                    analysed: {
                                        [key: string]: number;
                                    };
                                    /** @description Users who saw more than one variant, at least one of them assigned by the rollout: excluded from every metric and from SRM */
                                    multipleVariants: number;
                                    /** @description Users left out because the rollout did not assign what they were served (and no randomised impression): a targeting rule matched (rule), the flag was off (off), it served its on-variant to everyone (default), or it could not be evaluated (error); a user served in several such ways counts once, under the first of these reasons. Judged by the flag version in force at each impression; our own SDK endpoint's reason is used as sent */
                                    notRandomised: {
                                        /** @enum {string} */
                                        reason: "rule" | "off" | "default" | "error";
                                        users: number;
                                        variant: string;
                                    }[];
                                    /** @description Users of one variant outside the comparison (other variants, or "unknown") */
                                    otherVariants: number;
                                    /** @description Users with an in-window impression of the flag */
                                    total: number;
                                };
                                metrics: {
                                    cuped: {
                                        /** @description Pooled over the analysed users */
                                        covariateMean: number;
                                        theta: number;
                                        /** @description 1 − Var(y − θx)/Var(y) over the pooled users */
                                        varianceReduction: number;
                                    } | null;
                                    direction: string;
                                    kind: string;
                                    metric: string;
                                    name: string;
                                    primary: boolean;
                                    variants: {
                                        baseline: boolean;
                                        comparison?: {
                                            /** @description After the multiple-testing correction (of the sequential p-value if on) */
                                            adjustedPValue: number;
                                            chanceToBeat: number;
                                            /** @description Lower and upper bound */
                                            ci: [
                                                number,
                                                number
                                            ];
                                            difference: number;
                                            expectedLoss: number;
                                            /** @description Delta method, of the relative lift */
                                            liftStandardError: number;
                                            /**
                                             * @description sequential: ci, relativeLiftCi and pValue are always valid (normal-mixture confidence sequences); fixed-horizon: Welch t and delta-method intervals
                                             * @enum {string}
                                             */
                                            method: "sequential" | "fixed-horizon";
                                            /** @description Two-sided Welch t-test */
                                            pValue: number;
                                            /** @description A fraction: 0.05 is +5% */
                                            relativeLift: number;
                                            /** @description Lower and upper bound */
                                            relativeLiftCi: [
                                                number,
                                                number
                                            ];
                                            /** @description Welch: of the difference */
                                            standardError: number;
                                            /** @enum {string} */
                                            verdict: "winning" | "losing" | "inconclusive";
                                            /** @description Welch–Satterthwaite */
                                            welchDf: number;
                                            welchT: number;
                                            zStatistic?: number;
                                            zTestPValue?: number;
                                        };
                                        /** @description Conversion metrics */
                                        converters?: number;
                                        mean: number;
                                        /** @description Why this variant has no comparison (no statistics, outside the correction family): an empty baseline, fewer than 2 users in an arm, or no variance in either */
                                        notCompared?: string;
                                        standardDeviation: number;
                                        /** @description Of the mean; null without users */
                                        standardError: number | null;
                                        /** @description Σ of the per-user values (before CUPED) */
                                        sum: number;
                                        /** @description Users the metric used */
                                        users: number;
                                        /** @description Conversion: exposed users who did not convert; average: exposed users without a value */
                                        usersWithoutEvents?: number;
                                        variance: number;
                                        variant: string;
                                    }[];
                                }[];
                                srm: {
                                    chiSquare: number;
                                    df: number;
                                    expected: {
                                        [key: string]: number;
                                    };
                                    expectedCounts: {
                                        [key: string]: number;
                                    };
                                    /** @description p < 0.001: the split is not what was expected */
                                    mismatch: boolean;
                                    observed: {
                                        [key: string]: number;
                                    };
                                    pValue: number;
                                };
                                window: {
                                    end: string;
                                    start: string;
                                };
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Compute fresh results now
         * @description Analysis window: the phase asked for (default the current one), from its start to the next phase's start, the stop or now, and never past the analysis end when one is set; times at or after the end are left out. A user is exposed by at least one impression of the flag in the environment inside the window; the first is the exposure time; users exposed to more than one variant are excluded from every metric and from SRM and counted. Events count from the exposure time (inclusive) to the window end. Only JSON numbers are values. Per-user value: conversion 1/0; count and sum include exposed users without events as 0; average is the mean of the user's values (users without a value are left out). Per variant vs baseline: Welch difference with 95% CI (Welch–Satterthwaite df), relative lift (m_t − m_c)/|m_c| with CI (delta method, normal), two-sided Welch p-value, pooled two-proportion z-test for conversion; Bayesian chance to beat baseline (exact Beta-Binomial with Beta(1,1) priors for conversion without CUPED, else the normal approximation on the (CUPED-adjusted) difference), expected loss; SRM chi-square flagged at p < 0.001; Bonferroni, Holm or Benjamini–Hochberg correction over variants × metrics; CUPED with the same metric over the 14 days before exposure (one pooled theta per metric, not for average metrics); sequential testing (the default) with a normal-mixture confidence sequence calibrated as in GrowthBook (Waudby-Smith et al. 2023: ρ from alpha and the planned total users N* = sequentialTuning, default 5000), which makes the difference and relative-lift intervals and the p-value always valid, safe to look at any time: when it is on, every interval and p-value shown is the always-valid one (method: sequential). Verdict: winning or losing when the (corrected) p-value is below alpha, by the metric's direction; else inconclusive. Cumulative results per day.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The phase to analyse (default: the current one) */
                    phase?: number;
                };
                header?: never;
                path: {
                    experiment: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            computedAt: string;
                            durationMs: number;
                            /** @description The phase analysed */
                            phase: number;
                            result: {
                                /** @description Users whose SDK served another variant than the server derives for them (not ready, stale cache, bootstrap): they stay in the variant they saw */
                                assignment: {
                                    /** @description Per SDK source (server, client) */
                                    mismatchedUsers: {
                                        [key: string]: number;
                                    };
                                    /** @description Mismatched users over all exposed users */
                                    rate: number;
                                    /** @description Users whose impressions from our own SDK endpoint report another reason than the server derives, per SDK source (the reported reason is used) */
                                    reasonDisagreements: {
                                        [key: string]: number;
                                    };
                                    /** @description Mismatched users above 1 %, or any reason disagreement */
                                    warning: string | null;
                                };
                                /** @description Comparisons (variants × metrics, the comparable ones) the correction covers */
                                correctionFamily: number;
                                daily: {
                                    day: string;
                                    metrics: {
                                        metric: string;
                                        variants: {
                                            chanceToBeat: number | null;
                                            mean: number;
                                            relativeLift: number | null;
                                            /** @description Lower and upper bound */
                                            relativeLiftCi: [
                                                number,
                                                number
                                            ] | null;
                                            users: number;
                                            variant: string;
                                        }[];
                                    }[];
                                }[];
                                exposures: {
                                    /** @description Users per variant key */
                                    analysed: {
                                        [key: string]: number;
                                    };
                                    /** @description Users who saw more than one variant, at least one of them assigned by the rollout: excluded from every metric and from SRM */
                                    multipleVariants: number;
                                    /** @description Users left out because the rollout did not assign what they were served (and no randomised impression): a targeting rule matched (rule), the flag was off (off), it served its on-variant to everyone (default), or it could not be evaluated (error); a user served in several such ways counts once, under the first of these reasons. Judged by the flag version in force at each impression; our own SDK endpoint's reason is used as sent */
                                    notRandomised: {
                                        /** @enum {string} */
                                        reason: "rule" | "off" | "default" | "error";
                                        users: number;
                                        variant: string;
                                    }[];
                                    /** @description Users of one variant outside the comparison (other variants, or "unknown") */
                                    otherVariants: number;
                                    /** @description Users with an in-window impression of the flag */
                                    total: number;
                                };
                                metrics: {
                                    cuped: {
                                        /** @description Pooled over the analysed users */
                                        covariateMean: number;
                                        theta: number;
                                        /** @description 1 − Var(y − θx)/Var(y) over the pooled users */
                                        varianceReduction: number;
                                    } | null;
                                    direction: string;
                                    kind: string;
                                    metric: string;
                                    name: string;
                                    primary: boolean;
                                    variants: {
                                        baseline: boolean;
                                        comparison?: {
                                            /** @description After the multiple-testing correction (of the sequential p-value if on) */
                                            adjustedPValue: number;
                                            chanceToBeat: number;
                                            /** @description Lower and upper bound */
                                            ci: [
                                                number,
                                                number
                                            ];
                                            difference: number;
                                            expectedLoss: number;
                                            /** @description Delta method, of the relative lift */
                                            liftStandardError: number;
                                            /**
                                             * @description sequential: ci, relativeLiftCi and pValue are always valid (normal-mixture confidence sequences); fixed-horizon: Welch t and delta-method intervals
                                             * @enum {string}
                                             */
                                            method: "sequential" | "fixed-horizon";
                                            /** @description Two-sided Welch t-test */
                                            pValue: number;
                                            /** @description A fraction: 0.05 is +5% */
                                            relativeLift: number;
                                            /** @description Lower and upper bound */
                                            relativeLiftCi: [
                                                number,
                                                number
                                            ];
                                            /** @description Welch: of the difference */
                                            standardError: number;
                                            /** @enum {string} */
                                            verdict: "winning" | "losing" | "inconclusive";
                                            /** @description Welch–Satterthwaite */
                                            welchDf: number;
                                            welchT: number;
                                            zStatistic?: number;
                                            zTestPValue?: number;
                                        };
                                        /** @description Conversion metrics */
                                        converters?: number;
                                        mean: number;
                                        /** @description Why this variant has no comparison (no statistics, outside the correction family): an empty baseline, fewer than 2 users in an arm, or no variance in either */
                                        notCompared?: string;
                                        standardDeviation: number;
                                        /** @description Of the mean; null without users */
                                        standardError: number | null;
                                        /** @description Σ of the per-user values (before CUPED) */
                                        sum: number;
                                        /** @description Users the metric used */
                                        users: number;
                                        /** @description Conversion: exposed users who did not convert; average: exposed users without a value */
                                        usersWithoutEvents?: number;
                                        variance: number;
                                        variant: string;
                                    }[];
                                }[];
                                srm: {
                                    chiSquare: number;
                                    df: number;
                                    expected: {
                                        [key: string]: number;
                                    };
                                    expectedCounts: {
                                        [key: string]: number;
                                    };
                                    /** @description p < 0.001: the split is not what was expected */
                                    mismatch: boolean;
                                    observed: {
                                        [key: string]: number;
                                    };
                                    pValue: number;
                                };
                                window: {
                                    end: string;
                                    start: string;
                                };
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/experiments/{experiment}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    experiment: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description Start of the analysis window (default now; may lie in the past)
                         */
                        startedAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Where the analysis window ends at the latest; null: at the stop, or now */
                            analysisEnd: string | null;
                            baseline: string;
                            createdAt: string;
                            decision: {
                                decision: string;
                                note: string;
                                variant: string | null;
                            } | null;
                            environment: string;
                            flag: string;
                            hypothesis: string;
                            key: string;
                            name: string;
                            /** @description Oldest first. A phase begins when the experiment starts, when a change to its flag's rollout, seed or rules in its environment is accepted while it runs, and when its analysis is restarted; results are per phase */
                            phases: {
                                /** @description Where the next phase began; null for the current phase */
                                endedAt: string | null;
                                number: number;
                                reason: string;
                                startedAt: string;
                                /** @description Expected share per variant in this phase (used by SRM) */
                                traffic: {
                                    [key: string]: number;
                                };
                            }[];
                            primaryMetric: string;
                            secondaryMetrics: string[];
                            settings: {
                                alpha: number;
                                correction: string;
                                cuped: boolean;
                                sequential: boolean;
                                sequentialTuning: number;
                            };
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "running" | "stopped";
                            stoppedAt: string | null;
                            traffic: {
                                [key: string]: number;
                            };
                            updatedAt: string;
                            variants: string[];
                            /** @description What the flag's state in the environment does to this experiment (a draft or a running one): a flag that is off, a compared variant the rollout never assigns, an expected split other than the rollout's */
                            warnings?: {
                                /** @enum {string} */
                                code: "flag_off" | "variant_not_randomised" | "split_differs";
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/experiments/{experiment}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    experiment: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description ship a variant, roll back, or inconclusive
                         * @enum {string}
                         */
                        decision: "ship" | "rollback" | "inconclusive";
                        note?: string;
                        /** @description The variant shipped */
                        variant?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Where the analysis window ends at the latest; null: at the stop, or now */
                            analysisEnd: string | null;
                            baseline: string;
                            createdAt: string;
                            decision: {
                                decision: string;
                                note: string;
                                variant: string | null;
                            } | null;
                            environment: string;
                            flag: string;
                            hypothesis: string;
                            key: string;
                            name: string;
                            /** @description Oldest first. A phase begins when the experiment starts, when a change to its flag's rollout, seed or rules in its environment is accepted while it runs, and when its analysis is restarted; results are per phase */
                            phases: {
                                /** @description Where the next phase began; null for the current phase */
                                endedAt: string | null;
                                number: number;
                                reason: string;
                                startedAt: string;
                                /** @description Expected share per variant in this phase (used by SRM) */
                                traffic: {
                                    [key: string]: number;
                                };
                            }[];
                            primaryMetric: string;
                            secondaryMetrics: string[];
                            settings: {
                                alpha: number;
                                correction: string;
                                cuped: boolean;
                                sequential: boolean;
                                sequentialTuning: number;
                            };
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "running" | "stopped";
                            stoppedAt: string | null;
                            traffic: {
                                [key: string]: number;
                            };
                            updatedAt: string;
                            variants: string[];
                            /** @description What the flag's state in the environment does to this experiment (a draft or a running one): a flag that is off, a compared variant the rollout never assigns, an expected split other than the rollout's */
                            warnings?: {
                                /** @enum {string} */
                                code: "flag_off" | "variant_not_randomised" | "split_differs";
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/experiments/{experiment}/window": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set where the analysis window ends */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    experiment: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description Events and impressions at or after it are left out; null: the window ends at the stop, or now
                         */
                        end: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Where the analysis window ends at the latest; null: at the stop, or now */
                            analysisEnd: string | null;
                            baseline: string;
                            createdAt: string;
                            decision: {
                                decision: string;
                                note: string;
                                variant: string | null;
                            } | null;
                            environment: string;
                            flag: string;
                            hypothesis: string;
                            key: string;
                            name: string;
                            /** @description Oldest first. A phase begins when the experiment starts, when a change to its flag's rollout, seed or rules in its environment is accepted while it runs, and when its analysis is restarted; results are per phase */
                            phases: {
                                /** @description Where the next phase began; null for the current phase */
                                endedAt: string | null;
                                number: number;
                                reason: string;
                                startedAt: string;
                                /** @description Expected share per variant in this phase (used by SRM) */
                                traffic: {
                                    [key: string]: number;
                                };
                            }[];
                            primaryMetric: string;
                            secondaryMetrics: string[];
                            settings: {
                                alpha: number;
                                correction: string;
                                cuped: boolean;
                                sequential: boolean;
                                sequentialTuning: number;
                            };
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "running" | "stopped";
                            stoppedAt: string | null;
                            traffic: {
                                [key: string]: number;
                            };
                            updatedAt: string;
                            variants: string[];
                            /** @description What the flag's state in the environment does to this experiment (a draft or a running one): a flag that is off, a compared variant the rollout never assigns, an expected split other than the rollout's */
                            warnings?: {
                                /** @enum {string} */
                                code: "flag_off" | "variant_not_randomised" | "split_differs";
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    after?: string;
                    archived?: boolean;
                    limit?: number;
                    search?: string;
                    tag?: string;
                    type?: "boolean" | "string" | "number" | "json";
                };
                header?: never;
                path: {
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            flags: {
                                archived: boolean;
                                createdAt: string;
                                description: string;
                                environments: {
                                    [key: string]: {
                                        enabled: boolean;
                                        environment: string;
                                        /** @description Served when the flag is off */
                                        offVariant: string;
                                        /** @description Served when on, if no rule matches and there is no rollout */
                                        onVariant: string;
                                        rollout: {
                                            percentage: number;
                                            variant: string;
                                        }[];
                                        rules: {
                                            clauses: {
                                                /** @enum {string} */
                                                attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                                customAttribute?: string | null;
                                                /**
                                                 * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                                 * @enum {string}
                                                 */
                                                operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                                values: string[];
                                            }[];
                                            id: number;
                                            name: string;
                                            variant: string;
                                        }[];
                                        seed: string;
                                        updatedAt: string;
                                        version: number;
                                    };
                                };
                                key: string;
                                name: string;
                                tags: string[];
                                /** @enum {string} */
                                type: "boolean" | "string" | "number" | "json";
                                updatedAt: string;
                                variants: {
                                    description: string;
                                    /** @description Stable id, as sent to SDKs */
                                    id: number;
                                    key: string;
                                    name: string;
                                    value: unknown;
                                }[];
                                /** @description What in the flag's configuration makes impressions or results unreliable */
                                warnings: string[];
                            }[];
                            next: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        key: string;
                        name?: string;
                        offVariant?: string;
                        onVariant?: string;
                        /** @description Tags to group and find flags (repeats are kept once) */
                        tags?: string[];
                        /** @enum {string} */
                        type: "boolean" | "string" | "number" | "json";
                        /** @description Boolean flags default to on (true) and off (false) */
                        variants?: {
                            description?: string;
                            key: string;
                            name?: string;
                            /** @description Must match the flag's type: boolean, string, finite number or any JSON value but null */
                            value: unknown;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            createdAt: string;
                            description: string;
                            environments: {
                                [key: string]: {
                                    enabled: boolean;
                                    environment: string;
                                    /** @description Served when the flag is off */
                                    offVariant: string;
                                    /** @description Served when on, if no rule matches and there is no rollout */
                                    onVariant: string;
                                    rollout: {
                                        percentage: number;
                                        variant: string;
                                    }[];
                                    rules: {
                                        clauses: {
                                            /** @enum {string} */
                                            attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                            customAttribute?: string | null;
                                            /**
                                             * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                             * @enum {string}
                                             */
                                            operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                            values: string[];
                                        }[];
                                        id: number;
                                        name: string;
                                        variant: string;
                                    }[];
                                    seed: string;
                                    updatedAt: string;
                                    version: number;
                                };
                            };
                            key: string;
                            name: string;
                            tags: string[];
                            /** @enum {string} */
                            type: "boolean" | "string" | "number" | "json";
                            updatedAt: string;
                            variants: {
                                description: string;
                                /** @description Stable id, as sent to SDKs */
                                id: number;
                                key: string;
                                name: string;
                                value: unknown;
                            }[];
                            /** @description What in the flag's configuration makes impressions or results unreliable */
                            warnings: string[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/flags/{flag}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flag: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            createdAt: string;
                            description: string;
                            environments: {
                                [key: string]: {
                                    enabled: boolean;
                                    environment: string;
                                    /** @description Served when the flag is off */
                                    offVariant: string;
                                    /** @description Served when on, if no rule matches and there is no rollout */
                                    onVariant: string;
                                    rollout: {
                                        percentage: number;
                                        variant: string;
                                    }[];
                                    rules: {
                                        clauses: {
                                            /** @enum {string} */
                                            attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                            customAttribute?: string | null;
                                            /**
                                             * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                             * @enum {string}
                                             */
                                            operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                            values: string[];
                                        }[];
                                        id: number;
                                        name: string;
                                        variant: string;
                                    }[];
                                    seed: string;
                                    updatedAt: string;
                                    version: number;
                                };
                            };
                            key: string;
                            name: string;
                            tags: string[];
                            /** @enum {string} */
                            type: "boolean" | "string" | "number" | "json";
                            updatedAt: string;
                            variants: {
                                description: string;
                                /** @description Stable id, as sent to SDKs */
                                id: number;
                                key: string;
                                name: string;
                                value: unknown;
                            }[];
                            /** @description What in the flag's configuration makes impressions or results unreliable */
                            warnings: string[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flag: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flag: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        name?: string;
                        /** @description Tags to group and find flags (repeats are kept once) */
                        tags?: string[];
                        /** @description The full list; variants left out are removed */
                        variants?: {
                            description?: string;
                            /** @description Id of the variant to change; omit to add one */
                            id?: number;
                            key: string;
                            name?: string;
                            value: unknown;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            createdAt: string;
                            description: string;
                            environments: {
                                [key: string]: {
                                    enabled: boolean;
                                    environment: string;
                                    /** @description Served when the flag is off */
                                    offVariant: string;
                                    /** @description Served when on, if no rule matches and there is no rollout */
                                    onVariant: string;
                                    rollout: {
                                        percentage: number;
                                        variant: string;
                                    }[];
                                    rules: {
                                        clauses: {
                                            /** @enum {string} */
                                            attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                            customAttribute?: string | null;
                                            /**
                                             * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                             * @enum {string}
                                             */
                                            operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                            values: string[];
                                        }[];
                                        id: number;
                                        name: string;
                                        variant: string;
                                    }[];
                                    seed: string;
                                    updatedAt: string;
                                    version: number;
                                };
                            };
                            key: string;
                            name: string;
                            tags: string[];
                            /** @enum {string} */
                            type: "boolean" | "string" | "number" | "json";
                            updatedAt: string;
                            variants: {
                                description: string;
                                /** @description Stable id, as sent to SDKs */
                                id: number;
                                key: string;
                                name: string;
                                value: unknown;
                            }[];
                            /** @description What in the flag's configuration makes impressions or results unreliable */
                            warnings: string[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/flags/{flag}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flag: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            createdAt: string;
                            description: string;
                            environments: {
                                [key: string]: {
                                    enabled: boolean;
                                    environment: string;
                                    /** @description Served when the flag is off */
                                    offVariant: string;
                                    /** @description Served when on, if no rule matches and there is no rollout */
                                    onVariant: string;
                                    rollout: {
                                        percentage: number;
                                        variant: string;
                                    }[];
                                    rules: {
                                        clauses: {
                                            /** @enum {string} */
                                            attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                            customAttribute?: string | null;
                                            /**
                                             * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                             * @enum {string}
                                             */
                                            operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                            values: string[];
                                        }[];
                                        id: number;
                                        name: string;
                                        variant: string;
                                    }[];
                                    seed: string;
                                    updatedAt: string;
                                    version: number;
                                };
                            };
                            key: string;
                            name: string;
                            tags: string[];
                            /** @enum {string} */
                            type: "boolean" | "string" | "number" | "json";
                            updatedAt: string;
                            variants: {
                                description: string;
                                /** @description Stable id, as sent to SDKs */
                                id: number;
                                key: string;
                                name: string;
                                value: unknown;
                            }[];
                            /** @description What in the flag's configuration makes impressions or results unreliable */
                            warnings: string[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/flags/{flag}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: {
                    /** @description Continue after this entry id */
                    before?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    flag: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                action: string;
                                actor: string;
                                /** @description The client address the change came from (null: the server's own) */
                                address: string | null;
                                after: unknown;
                                before: unknown;
                                /** @description Why the change was made, when its author said */
                                comment: string | null;
                                createdAt: string;
                                environmentKey: string | null;
                                flagKey: string | null;
                                id: number;
                                resourceKey: string;
                                resourceType: string;
                            }[];
                            next: number | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/flags/{flag}/environments/{env}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    env: string;
                    flag: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            environment: string;
                            /** @description Served when the flag is off */
                            offVariant: string;
                            /** @description Served when on, if no rule matches and there is no rollout */
                            onVariant: string;
                            rollout: {
                                percentage: number;
                                variant: string;
                            }[];
                            rules: {
                                clauses: {
                                    /** @enum {string} */
                                    attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                    customAttribute?: string | null;
                                    /**
                                     * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                     * @enum {string}
                                     */
                                    operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                    values: string[];
                                }[];
                                id: number;
                                name: string;
                                variant: string;
                            }[];
                            seed: string;
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    env: string;
                    flag: string;
                    ws: string;
                };
                cookie?: never;
            };
            /** @description A change that leaves the state as it is is not saved: the answer is the state unchanged, and no audit entry is written */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Why the change is made: kept with its audit entry */
                        comment?: string;
                        enabled?: boolean;
                        /** @description Fail with 409 if the state changed since this version */
                        expectedVersion?: number;
                        /** @description Required to change the rollout, seed or rules while an experiment runs on the flag in this environment: the change starts a new phase of it */
                        newExperimentPhase?: boolean;
                        offVariant?: string;
                        onVariant?: string;
                        /** @description Draw a new seed: users are bucketed anew */
                        reshuffle?: boolean;
                        rollout?: {
                            percentage: number;
                            variant: string;
                        }[];
                        rules?: {
                            clauses: {
                                /** @enum {string} */
                                attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                customAttribute?: string | null;
                                /**
                                 * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                 * @enum {string}
                                 */
                                operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                values: string[];
                            }[];
                            /** @description Keep an existing rule's id; omit for a new rule */
                            id?: number;
                            name?: string;
                            variant: string;
                        }[];
                        seed?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            environment: string;
                            /** @description Served when the flag is off */
                            offVariant: string;
                            /** @description Served when on, if no rule matches and there is no rollout */
                            onVariant: string;
                            rollout: {
                                percentage: number;
                                variant: string;
                            }[];
                            rules: {
                                clauses: {
                                    /** @enum {string} */
                                    attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                    customAttribute?: string | null;
                                    /**
                                     * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                     * @enum {string}
                                     */
                                    operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                    values: string[];
                                }[];
                                id: number;
                                name: string;
                                variant: string;
                            }[];
                            seed: string;
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/flags/{flag}/environments/{env}/change-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Proposes a change to the flag's state in the environment: the same body as a direct change (its comment says why). Applied once approved (POST …/change-requests/{id}/apply). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    env: string;
                    flag: string;
                    ws: string;
                };
                cookie?: never;
            };
            /** @description A change that leaves the state as it is is not saved: the answer is the state unchanged, and no audit entry is written */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Why the change is made: kept with its audit entry */
                        comment?: string;
                        enabled?: boolean;
                        /** @description Fail with 409 if the state changed since this version */
                        expectedVersion?: number;
                        /** @description Required to change the rollout, seed or rules while an experiment runs on the flag in this environment: the change starts a new phase of it */
                        newExperimentPhase?: boolean;
                        offVariant?: string;
                        onVariant?: string;
                        /** @description Draw a new seed: users are bucketed anew */
                        reshuffle?: boolean;
                        rollout?: {
                            percentage: number;
                            variant: string;
                        }[];
                        rules?: {
                            clauses: {
                                /** @enum {string} */
                                attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                customAttribute?: string | null;
                                /**
                                 * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                 * @enum {string}
                                 */
                                operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                values: string[];
                            }[];
                            /** @description Keep an existing rule's id; omit for a new rule */
                            id?: number;
                            name?: string;
                            variant: string;
                        }[];
                        seed?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            after: {
                                enabled: boolean;
                                environment: string;
                                /** @description Served when the flag is off */
                                offVariant: string;
                                /** @description Served when on, if no rule matches and there is no rollout */
                                onVariant: string;
                                rollout: {
                                    percentage: number;
                                    variant: string;
                                }[];
                                rules: {
                                    clauses: {
                                        /** @enum {string} */
                                        attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                        customAttribute?: string | null;
                                        /**
                                         * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                         * @enum {string}
                                         */
                                        operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                        values: string[];
                                    }[];
                                    id: number;
                                    name: string;
                                    variant: string;
                                }[];
                                seed: string;
                                updatedAt: string;
                                version: number;
                            };
                            appliedVersion: number | null;
                            approvals: {
                                approverRole: string;
                                required: number;
                                /** @description Approvals of the current proposal and version */
                                valid: number;
                            };
                            author: string;
                            /** @description The state's version the proposal was made against */
                            baseVersion: number;
                            before: {
                                enabled: boolean;
                                environment: string;
                                /** @description Served when the flag is off */
                                offVariant: string;
                                /** @description Served when on, if no rule matches and there is no rollout */
                                onVariant: string;
                                rollout: {
                                    percentage: number;
                                    variant: string;
                                }[];
                                rules: {
                                    clauses: {
                                        /** @enum {string} */
                                        attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                        customAttribute?: string | null;
                                        /**
                                         * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                         * @enum {string}
                                         */
                                        operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                        values: string[];
                                    }[];
                                    id: number;
                                    name: string;
                                    variant: string;
                                }[];
                                seed: string;
                                updatedAt: string;
                                version: number;
                            };
                            closedAt: string | null;
                            closedBy: string | null;
                            comment: string;
                            createdAt: string;
                            environment: string;
                            flag: string;
                            id: number;
                            /** @description The change, as a direct change (PATCH of the state) would send it */
                            proposal: {
                                [key: string]: unknown;
                            };
                            /** @description SHA-256 of the proposal and its base version: what each approval is bound to */
                            proposalHash: string;
                            reviews: {
                                comment: string;
                                createdAt: string;
                                decision: string;
                                reviewer: string;
                                /** @description Given for an earlier proposal or version: it no longer counts */
                                void: boolean;
                            }[];
                            /** @description The flag changed since the version the request was made against: its approvals are void until it is updated */
                            stale: boolean;
                            status: "open" | "applied" | "rejected" | "cancelled";
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/flags/{flag}/environments/{env}/explain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Why a user gets what they get
         * @description Evaluates the flag for a context as the SDKs do and says why: the value, variant and reason, each rule's and clause's outcome (up to the first rule that matched), and for a rollout the context's bucket (0–99) and each slice. Changes nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    env: string;
                    flag: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        attributes?: {
                            [key: string]: unknown;
                        };
                        /** @description What rollouts bucket by instead of the key */
                        bucketingKey?: string;
                        country?: string;
                        ip?: string;
                        key: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            errorCode: string | null;
                            reason: string;
                            rollout: {
                                bucket: number;
                                slices: {
                                    chosen: boolean;
                                    from: number;
                                    to: number;
                                    variant: string | null;
                                }[];
                            } | null;
                            ruleId: number | null;
                            rules: {
                                clauses: {
                                    attribute: string;
                                    customAttribute?: string | null;
                                    /** @description null: not evaluated (an earlier clause failed, or the rule was not reached) */
                                    matched: boolean | null;
                                    operator: string;
                                    values: string[];
                                }[];
                                evaluated: boolean;
                                id: number;
                                matched: boolean;
                                name: string;
                                variant: string | null;
                            }[];
                            value: unknown;
                            variant: string | null;
                            variantId: number | null;
                            /** @description The state's version evaluated */
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/flags/{flag}/environments/{env}/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Schedules changes to the flag's state: one step, or a ramp of several (e.g. rollout 10 → 50 → 100 % on three dates). Each step applies once at its time; if the fields it sets were changed meanwhile (other than by earlier steps), it fails instead of overwriting that change. Where approvals are required, schedule an approved change request instead. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    env: string;
                    flag: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                        steps: {
                            /**
                             * Format: date-time
                             * @description When it applies (ISO 8601, in the future)
                             */
                            at: string;
                            /** @description A change that leaves the state as it is is not saved: the answer is the state unchanged, and no audit entry is written */
                            change: {
                                /** @description Why the change is made: kept with its audit entry */
                                comment?: string;
                                enabled?: boolean;
                                /** @description Fail with 409 if the state changed since this version */
                                expectedVersion?: number;
                                /** @description Required to change the rollout, seed or rules while an experiment runs on the flag in this environment: the change starts a new phase of it */
                                newExperimentPhase?: boolean;
                                offVariant?: string;
                                onVariant?: string;
                                /** @description Draw a new seed: users are bucketed anew */
                                reshuffle?: boolean;
                                rollout?: {
                                    percentage: number;
                                    variant: string;
                                }[];
                                rules?: {
                                    clauses: {
                                        /** @enum {string} */
                                        attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                        customAttribute?: string | null;
                                        /**
                                         * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                         * @enum {string}
                                         */
                                        operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                        values: string[];
                                    }[];
                                    /** @description Keep an existing rule's id; omit for a new rule */
                                    id?: number;
                                    name?: string;
                                    variant: string;
                                }[];
                                seed?: string;
                            };
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            appliedVersion: number | null;
                            at: string;
                            author: string;
                            /** @description The change it applies, as a direct change would send it */
                            change: {
                                [key: string]: unknown;
                            };
                            /** @description The approved change request it applies, if any */
                            changeRequest: number | null;
                            closedAt: string | null;
                            closedBy: string | null;
                            comment: string;
                            createdAt: string;
                            environment: string;
                            /** @description Why it was not applied (its fields changed since it was made, approvals now required, …) */
                            failure: string | null;
                            flag: string;
                            id: number;
                            status: "pending" | "applied" | "failed" | "cancelled";
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/flags/{flag}/environments/{env}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Every kept version of the flag's state in the environment, newest first, with when, by whom and why it came into force. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    env: string;
                    flag: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changedAt: string | null;
                            changedBy: string | null;
                            comment: string | null;
                            state: {
                                enabled: boolean;
                                environment: string;
                                /** @description Served when the flag is off */
                                offVariant: string;
                                /** @description Served when on, if no rule matches and there is no rollout */
                                onVariant: string;
                                rollout: {
                                    percentage: number;
                                    variant: string;
                                }[];
                                rules: {
                                    clauses: {
                                        /** @enum {string} */
                                        attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                        customAttribute?: string | null;
                                        /**
                                         * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                         * @enum {string}
                                         */
                                        operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                        values: string[];
                                    }[];
                                    id: number;
                                    name: string;
                                    variant: string;
                                }[];
                                seed: string;
                                updatedAt: string;
                                version: number;
                            };
                            version: number;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/flags/{flag}/environments/{env}/versions/{version}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Makes an earlier version the state again, as a new change: applied at once (200, `applied`), or as a change request where approvals are required (201, `request`). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    env: string;
                    flag: string;
                    version: number;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                        newExperimentPhase?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            applied: {
                                enabled: boolean;
                                environment: string;
                                /** @description Served when the flag is off */
                                offVariant: string;
                                /** @description Served when on, if no rule matches and there is no rollout */
                                onVariant: string;
                                rollout: {
                                    percentage: number;
                                    variant: string;
                                }[];
                                rules: {
                                    clauses: {
                                        /** @enum {string} */
                                        attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                        customAttribute?: string | null;
                                        /**
                                         * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                         * @enum {string}
                                         */
                                        operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                        values: string[];
                                    }[];
                                    id: number;
                                    name: string;
                                    variant: string;
                                }[];
                                seed: string;
                                updatedAt: string;
                                version: number;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            request: {
                                after: {
                                    enabled: boolean;
                                    environment: string;
                                    /** @description Served when the flag is off */
                                    offVariant: string;
                                    /** @description Served when on, if no rule matches and there is no rollout */
                                    onVariant: string;
                                    rollout: {
                                        percentage: number;
                                        variant: string;
                                    }[];
                                    rules: {
                                        clauses: {
                                            /** @enum {string} */
                                            attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                            customAttribute?: string | null;
                                            /**
                                             * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                             * @enum {string}
                                             */
                                            operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                            values: string[];
                                        }[];
                                        id: number;
                                        name: string;
                                        variant: string;
                                    }[];
                                    seed: string;
                                    updatedAt: string;
                                    version: number;
                                };
                                appliedVersion: number | null;
                                approvals: {
                                    approverRole: string;
                                    required: number;
                                    /** @description Approvals of the current proposal and version */
                                    valid: number;
                                };
                                author: string;
                                /** @description The state's version the proposal was made against */
                                baseVersion: number;
                                before: {
                                    enabled: boolean;
                                    environment: string;
                                    /** @description Served when the flag is off */
                                    offVariant: string;
                                    /** @description Served when on, if no rule matches and there is no rollout */
                                    onVariant: string;
                                    rollout: {
                                        percentage: number;
                                        variant: string;
                                    }[];
                                    rules: {
                                        clauses: {
                                            /** @enum {string} */
                                            attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                            customAttribute?: string | null;
                                            /**
                                             * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                             * @enum {string}
                                             */
                                            operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                            values: string[];
                                        }[];
                                        id: number;
                                        name: string;
                                        variant: string;
                                    }[];
                                    seed: string;
                                    updatedAt: string;
                                    version: number;
                                };
                                closedAt: string | null;
                                closedBy: string | null;
                                comment: string;
                                createdAt: string;
                                environment: string;
                                flag: string;
                                id: number;
                                /** @description The change, as a direct change (PATCH of the state) would send it */
                                proposal: {
                                    [key: string]: unknown;
                                };
                                /** @description SHA-256 of the proposal and its base version: what each approval is bound to */
                                proposalHash: string;
                                reviews: {
                                    comment: string;
                                    createdAt: string;
                                    decision: string;
                                    reviewer: string;
                                    /** @description Given for an earlier proposal or version: it no longer counts */
                                    void: boolean;
                                }[];
                                /** @description The flag changed since the version the request was made against: its approvals are void until it is updated */
                                stale: boolean;
                                status: "open" | "applied" | "rejected" | "cancelled";
                                updatedAt: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/flags/{flag}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flag: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived: boolean;
                            createdAt: string;
                            description: string;
                            environments: {
                                [key: string]: {
                                    enabled: boolean;
                                    environment: string;
                                    /** @description Served when the flag is off */
                                    offVariant: string;
                                    /** @description Served when on, if no rule matches and there is no rollout */
                                    onVariant: string;
                                    rollout: {
                                        percentage: number;
                                        variant: string;
                                    }[];
                                    rules: {
                                        clauses: {
                                            /** @enum {string} */
                                            attribute: "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";
                                            customAttribute?: string | null;
                                            /**
                                             * @description IOO: is one of; INOO: is not one of; SW: starts with; DNSW: does not start with; EW: ends with; DNEW: does not end with; MR: matches regex; DNMR: does not match regex; GT: greater than; GTE: greater than or equal; LT: less than; LTE: less than or equal; SVGT: semver greater than; SVGTE: semver greater than or equal; SVLT: semver less than; SVLTE: semver less than or equal
                                             * @enum {string}
                                             */
                                            operator: "IOO" | "INOO" | "SW" | "DNSW" | "EW" | "DNEW" | "MR" | "DNMR" | "GT" | "GTE" | "LT" | "LTE" | "SVGT" | "SVGTE" | "SVLT" | "SVLTE";
                                            values: string[];
                                        }[];
                                        id: number;
                                        name: string;
                                        variant: string;
                                    }[];
                                    seed: string;
                                    updatedAt: string;
                                    version: number;
                                };
                            };
                            key: string;
                            name: string;
                            tags: string[];
                            /** @enum {string} */
                            type: "boolean" | "string" | "number" | "json";
                            updatedAt: string;
                            variants: {
                                description: string;
                                /** @description Stable id, as sent to SDKs */
                                id: number;
                                key: string;
                                name: string;
                                value: unknown;
                            }[];
                            /** @description What in the flag's configuration makes impressions or results unreliable */
                            warnings: string[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The workspace's invitations, used ones too (never their tokens). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            createdBy: string;
                            email: string | null;
                            environments: string[] | null;
                            expiresAt: string;
                            id: number;
                            role: string | null;
                            usedAt: string | null;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** @description Invites someone with a role: the answer's token (shown once) lets one person create their account, before it expires (72 hours unless said). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email?: string;
                        environments?: string[];
                        expiresInHours?: number;
                        role: "owner" | "admin" | "editor" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            createdBy: string;
                            email: string | null;
                            environments: string[] | null;
                            expiresAt: string;
                            id: number;
                            role: string | null;
                            token: string;
                            usedAt: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** @description Withdraws an unused invitation. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The workspace's members and their roles. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            environments: string[] | null;
                            role: string;
                            user: {
                                active: boolean;
                                createdAt: string;
                                email: string;
                                id: number;
                                instanceAdmin: boolean;
                                name: string;
                            };
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/members/{user}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** @description Gives a user a role in the workspace; `environments` limits an editor to changing those. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user: number;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        environments?: string[] | null;
                        role: "owner" | "admin" | "editor" | "viewer";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        /** @description Removes a user from the workspace. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    user: number;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            metrics: {
                                createdAt: string;
                                description: string;
                                /** @enum {string} */
                                direction: "increase" | "decrease";
                                eventKey: string;
                                filters: {
                                    /**
                                     * @description equals / not_equals: type-strict (the string "5" is not the number 5), a missing property is not equal; in: one of `values`; exists: present and not null; gt, gte, lt, lte: JSON numbers only
                                     * @enum {string}
                                     */
                                    operator: "equals" | "not_equals" | "in" | "exists" | "gt" | "gte" | "lt" | "lte";
                                    /** @description Dotted path into the event's properties, e.g. `cart.total` */
                                    property: string;
                                    /** @description A JSON string (at most 500 characters), number, boolean or null */
                                    value?: unknown;
                                    values?: unknown[];
                                }[];
                                key: string;
                                /** @enum {string} */
                                kind: "conversion" | "count" | "sum" | "average";
                                name: string;
                                updatedAt: string;
                                valuePath: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        /**
                         * @description Which way is better
                         * @enum {string}
                         */
                        direction?: "increase" | "decrease";
                        eventKey: string;
                        filters?: {
                            /**
                             * @description equals / not_equals: type-strict (the string "5" is not the number 5), a missing property is not equal; in: one of `values`; exists: present and not null; gt, gte, lt, lte: JSON numbers only
                             * @enum {string}
                             */
                            operator: "equals" | "not_equals" | "in" | "exists" | "gt" | "gte" | "lt" | "lte";
                            /** @description Dotted path into the event's properties, e.g. `cart.total` */
                            property: string;
                            /** @description A JSON string (at most 500 characters), number, boolean or null */
                            value?: unknown;
                            values?: unknown[];
                        }[];
                        key: string;
                        /**
                         * @description conversion: a user converts with at least one matching event; count, sum, average: per-user aggregation of matching events
                         * @enum {string}
                         */
                        kind: "conversion" | "count" | "sum" | "average";
                        name?: string;
                        /** @description For sum and average: a numeric property; absent or null: the eventValue */
                        valuePath?: string | (never | null);
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            description: string;
                            /** @enum {string} */
                            direction: "increase" | "decrease";
                            eventKey: string;
                            filters: {
                                /**
                                 * @description equals / not_equals: type-strict (the string "5" is not the number 5), a missing property is not equal; in: one of `values`; exists: present and not null; gt, gte, lt, lte: JSON numbers only
                                 * @enum {string}
                                 */
                                operator: "equals" | "not_equals" | "in" | "exists" | "gt" | "gte" | "lt" | "lte";
                                /** @description Dotted path into the event's properties, e.g. `cart.total` */
                                property: string;
                                /** @description A JSON string (at most 500 characters), number, boolean or null */
                                value?: unknown;
                                values?: unknown[];
                            }[];
                            key: string;
                            /** @enum {string} */
                            kind: "conversion" | "count" | "sum" | "average";
                            name: string;
                            updatedAt: string;
                            valuePath: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/metrics/{metric}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    metric: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            description: string;
                            /** @enum {string} */
                            direction: "increase" | "decrease";
                            eventKey: string;
                            filters: {
                                /**
                                 * @description equals / not_equals: type-strict (the string "5" is not the number 5), a missing property is not equal; in: one of `values`; exists: present and not null; gt, gte, lt, lte: JSON numbers only
                                 * @enum {string}
                                 */
                                operator: "equals" | "not_equals" | "in" | "exists" | "gt" | "gte" | "lt" | "lte";
                                /** @description Dotted path into the event's properties, e.g. `cart.total` */
                                property: string;
                                /** @description A JSON string (at most 500 characters), number, boolean or null */
                                value?: unknown;
                                values?: unknown[];
                            }[];
                            key: string;
                            /** @enum {string} */
                            kind: "conversion" | "count" | "sum" | "average";
                            name: string;
                            updatedAt: string;
                            valuePath: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    metric: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    metric: string;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        /**
                         * @description Which way is better
                         * @enum {string}
                         */
                        direction?: "increase" | "decrease";
                        eventKey?: string;
                        filters?: {
                            /**
                             * @description equals / not_equals: type-strict (the string "5" is not the number 5), a missing property is not equal; in: one of `values`; exists: present and not null; gt, gte, lt, lte: JSON numbers only
                             * @enum {string}
                             */
                            operator: "equals" | "not_equals" | "in" | "exists" | "gt" | "gte" | "lt" | "lte";
                            /** @description Dotted path into the event's properties, e.g. `cart.total` */
                            property: string;
                            /** @description A JSON string (at most 500 characters), number, boolean or null */
                            value?: unknown;
                            values?: unknown[];
                        }[];
                        /**
                         * @description conversion: a user converts with at least one matching event; count, sum, average: per-user aggregation of matching events
                         * @enum {string}
                         */
                        kind?: "conversion" | "count" | "sum" | "average";
                        name?: string;
                        /** @description For sum and average: a numeric property; absent or null: the eventValue */
                        valuePath?: string | (never | null);
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            description: string;
                            /** @enum {string} */
                            direction: "increase" | "decrease";
                            eventKey: string;
                            filters: {
                                /**
                                 * @description equals / not_equals: type-strict (the string "5" is not the number 5), a missing property is not equal; in: one of `values`; exists: present and not null; gt, gte, lt, lte: JSON numbers only
                                 * @enum {string}
                                 */
                                operator: "equals" | "not_equals" | "in" | "exists" | "gt" | "gte" | "lt" | "lte";
                                /** @description Dotted path into the event's properties, e.g. `cart.total` */
                                property: string;
                                /** @description A JSON string (at most 500 characters), number, boolean or null */
                                value?: unknown;
                                values?: unknown[];
                            }[];
                            key: string;
                            /** @enum {string} */
                            kind: "conversion" | "count" | "sum" | "average";
                            name: string;
                            updatedAt: string;
                            valuePath: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Scheduled changes, the soonest first (at most 200). */
        get: {
            parameters: {
                query?: {
                    flag?: string;
                    status?: "pending" | "applied" | "failed" | "cancelled";
                };
                header?: never;
                path: {
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            appliedVersion: number | null;
                            at: string;
                            author: string;
                            /** @description The change it applies, as a direct change would send it */
                            change: {
                                [key: string]: unknown;
                            };
                            /** @description The approved change request it applies, if any */
                            changeRequest: number | null;
                            closedAt: string | null;
                            closedBy: string | null;
                            comment: string;
                            createdAt: string;
                            environment: string;
                            /** @description Why it was not applied (its fields changed since it was made, approvals now required, …) */
                            failure: string | null;
                            flag: string;
                            id: number;
                            status: "pending" | "applied" | "failed" | "cancelled";
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/schedules/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Cancels a pending schedule (its author, an admin or an owner). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            appliedVersion: number | null;
                            at: string;
                            author: string;
                            /** @description The change it applies, as a direct change would send it */
                            change: {
                                [key: string]: unknown;
                            };
                            /** @description The approved change request it applies, if any */
                            changeRequest: number | null;
                            closedAt: string | null;
                            closedBy: string | null;
                            comment: string;
                            createdAt: string;
                            environment: string;
                            /** @description Why it was not applied (its fields changed since it was made, approvals now required, …) */
                            failure: string | null;
                            flag: string;
                            id: number;
                            status: "pending" | "applied" | "failed" | "cancelled";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: string;
                            createdBy: string;
                            events: string[];
                            /** @description json: the event as JSON (event, id, at, workspace, actor, resource, flag, environment, before, after, comment); slack: a Slack-compatible { text } */
                            format: "json" | "slack";
                            id: number;
                            name: string;
                            url: string;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** @description A webhook: its signing `secret` is in this answer only. Each delivery is a POST with `x-flagsync-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`, `x-flagsync-event` and `x-flagsync-delivery`; retried with exponential backoff for a day until a 2xx answer. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        events: ("flag.created" | "flag.changed" | "flag.archived" | "change_request.opened" | "change_request.approved" | "change_request.applied" | "schedule.applied" | "schedule.failed" | "experiment.started" | "experiment.stopped" | "experiment.srm_detected" | "metric.verdict_changed")[];
                        /** @description json: the event as JSON (event, id, at, workspace, actor, resource, flag, environment, before, after, comment); slack: a Slack-compatible { text } */
                        format?: "json" | "slack";
                        name: string;
                        /** @description http or https */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: string;
                            createdBy: string;
                            events: string[];
                            /** @description json: the event as JSON (event, id, at, workspace, actor, resource, flag, environment, before, after, comment); slack: a Slack-compatible { text } */
                            format: "json" | "slack";
                            id: number;
                            name: string;
                            secret: string;
                            url: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        events?: ("flag.created" | "flag.changed" | "flag.archived" | "change_request.opened" | "change_request.approved" | "change_request.applied" | "schedule.applied" | "schedule.failed" | "experiment.started" | "experiment.stopped" | "experiment.srm_detected" | "metric.verdict_changed")[];
                        /** @description json: the event as JSON (event, id, at, workspace, actor, resource, flag, environment, before, after, comment); slack: a Slack-compatible { text } */
                        format?: "json" | "slack";
                        name?: string;
                        /** @description http or https */
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: string;
                            createdBy: string;
                            events: string[];
                            /** @description json: the event as JSON (event, id, at, workspace, actor, resource, flag, environment, before, after, comment); slack: a Slack-compatible { text } */
                            format: "json" | "slack";
                            id: number;
                            name: string;
                            url: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The latest deliveries (at most 100), newest first, each with its attempts. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: {
                                at: string;
                                error: string | null;
                                latencyMs: number;
                                statusCode: number | null;
                            }[];
                            body: string;
                            createdAt: string;
                            deliveredAt: string | null;
                            event: string;
                            id: number;
                            nextAttemptAt: string | null;
                            status: "pending" | "delivered" | "failed";
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{ws}/webhooks/{id}/deliveries/{delivery}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Sends a delivery's body again, as a new delivery (signed anew). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    delivery: number;
                    id: number;
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** Error */
        "def-0": {
            details?: {
                field: string;
                message: string;
            }[];
            errorCode: string;
            message: string;
            path: string;
            statusCode: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
