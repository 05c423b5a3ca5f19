/** The types of scripts/prepare.js, plain JavaScript so that npm runs it without a TypeScript loader. */
export declare function shouldBuild(initCwd: string | undefined, root?: string): boolean;
