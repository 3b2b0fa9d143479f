// The sign-in token sent with each click (XLWINGS_AUTH_PROVIDERS): the token IT gave the
// user, entered once in the task pane (auth/custom on the server), or else Entra ID single
// sign-on where the server has it on (config.sso). The page does not say which sign-in the
// server uses: the token field is always there, and a server without tokens ignores it.
globalThis.getAuth = async function () {
  const token = localStorage.getItem("lscb-report-token") || "";
  if (token) {
    return { token: token, provider: "custom" };
  }
  if (config.sso) {
    return { token: await xlwings.getAccessToken(), provider: "entraid" };
  }
  return { token: "", provider: "" };
};
