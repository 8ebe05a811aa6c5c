/**
 * Classifies a comment once per text: the ledger asks first (question flags for pin segments) as it
 * applies a batch, then the chat intel takes the same result instead of classifying again. Bounded.
 */
import { type ClassifiedComment, classifyComment } from '../../../shared/chat';

const KEEP = 5_000;

export class CommentClassifier {
  private readonly recent = new Map<string, ClassifiedComment>();

  classify(text: string): ClassifiedComment {
    let classified = this.recent.get(text);
    if (!classified) {
      if (this.recent.size >= KEEP) this.recent.clear();
      classified = classifyComment(text);
      this.recent.set(text, classified);
    }
    return classified;
  }
}
