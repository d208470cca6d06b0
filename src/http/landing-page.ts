import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

const link = '<p>GraphiQL, served by this server itself, works without Apollo\'s CDN: <a href="graphiql">open GraphiQL</a>.</p>';

/**
 * Apollo's landing page loads Sandbox from Apollo's CDN; offline it shows only
 * a fallback text. This adds a link to /graphiql to that fallback (or, should
 * Apollo's markup change, to the end of the page).
 */
export function withGraphiqlLink<T extends BaseContext>(landingPage: ApolloServerPlugin<T>): ApolloServerPlugin<T> {
  return {
    ...landingPage,
    async serverWillStart(context) {
      const listener = await landingPage.serverWillStart?.(context);
      if (!listener?.renderLandingPage) return listener;
      const render = listener.renderLandingPage.bind(listener);
      return {
        ...listener,
        async renderLandingPage() {
          const page = await render();
          const original = page.html;
          const addLink = (html: string) => {
            const fallback = /(<div class="fallback">[\s\S]*?<\/p>)/;
            return fallback.test(html) ? html.replace(fallback, `$1\n  ${link}`) : html.replace('</body>', `${link}\n</body>`);
          };
          return { html: typeof original === 'string' ? addLink(original) : async () => addLink(await original()) };
        },
      };
    },
  };
}
