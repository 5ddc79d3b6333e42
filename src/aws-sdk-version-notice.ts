// The AWS SDK warns on every start that its releases after January 2027 will need Node 22. Switchyard
// pins its SDK version and supports Node 20 (package.json engines), so the warning names nothing an
// operator can act on. This flag, which the SDK reads when it builds a client, turns off exactly that
// warning and no other; an operator who sets it either way keeps their choice.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export {};
